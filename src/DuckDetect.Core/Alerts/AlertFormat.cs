namespace DuckDetect.Core.Alerts;

/// <summary>How alerts are printed: a table for people, JSON, NDJSON or CSV for machines.</summary>
public enum AlertFormat
{
    Table,
    Json,
    Ndjson,
    Csv,
}
