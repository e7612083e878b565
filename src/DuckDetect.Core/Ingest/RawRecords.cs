namespace DuckDetect.Core.Ingest;

/// <summary>
/// The query of a batch's records with CloudTrail's field names, and whether it has the <c>accountFallback</c>
/// column (OCSF's cloud account or accountId partition, for records that name no other account).
/// </summary>
public sealed record RawRecords(string Sql, bool HasAccountFallback);
