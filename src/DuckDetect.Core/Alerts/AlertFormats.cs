namespace DuckDetect.Core.Alerts;

/// <summary>Parses the --format option.</summary>
public static class AlertFormats
{
    public static AlertFormat Parse(string value) => value.ToLowerInvariant() switch
    {
        "table" => AlertFormat.Table,
        "json" => AlertFormat.Json,
        "ndjson" => AlertFormat.Ndjson,
        "csv" => AlertFormat.Csv,
        "ecs" => AlertFormat.Ecs,
        "ocsf" => AlertFormat.Ocsf,
        _ => throw new DuckDetectException(FailureKind.InvalidArguments,
            $"unknown --format '{value}'; use table, json, ndjson, csv, ecs or ocsf"),
    };
}
