using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Enrichment;

/// <summary>
/// The AS of the source IPs an ingest batch brings, inside the batch's transaction: the IPs not yet in source_ip_as
/// are looked up in the AS data in use (asn_lookup) and added, so the batch's events have their AS from the moment
/// they are stored. Without AS data loaded this is one look at an empty table.
/// </summary>
[DapperAot]
public static class AsnLookup
{
    public static void MapBatch(IDbConnection connection, IDbTransaction tx, long batch)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM asn_lookup)", transaction: tx))
        {
            return;
        }
        StepTrace.Step("ingest: the AS of the batch's new source IPs", () => connection.Execute(
            AsnSql.WithLookup("asn/map_batch.sql", "asn/batch_addresses.sql"), new { batch }, tx, commandTimeout: 0));
    }
}
