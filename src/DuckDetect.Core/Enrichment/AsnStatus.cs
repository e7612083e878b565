using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Enrichment;

/// <summary><c>asn status</c>: which AS data is in use and how much of what is stored has an AS, as one JSON object.</summary>
[DapperAot]
public static class AsnStatus
{
    public static JsonObject Build(DuckDbSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var json = session.Connection.ExecuteScalar<string>(SqlScripts.Get("asn/status.sql"), commandTimeout: 0)!;
        return JsonNode.Parse(json)!.AsObject();
    }
}
