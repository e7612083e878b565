namespace DuckDetect.Core.Alerts;

/// <summary>
/// How alerts are printed: a table for people; JSON, NDJSON or CSV for machines; ECS (Elasticsearch _bulk) or OCSF
/// (Detection Finding) for a SIEM.
/// </summary>
public enum AlertFormat
{
    Table,
    Json,
    Ndjson,
    Csv,
    Ecs,
    Ocsf,
}
