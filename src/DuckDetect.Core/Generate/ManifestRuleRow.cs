namespace DuckDetect.Core.Generate;

/// <summary>A row of <c>generate/manifest_rules.sql</c>: lists and maps arrive as JSON text.</summary>
internal sealed record ManifestRuleRow
{
    public required string Id { get; init; }

    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string RuleType { get; init; }

    public required string Reads { get; init; }

    public string? EventSource { get; init; }

    public required string EventNamesJson { get; init; }

    public required string Counts { get; init; }

    public required string GroupByJson { get; init; }

    public long Threshold { get; init; }

    public int WindowMinutes { get; init; }

    public int IntervalMinutes { get; init; }

    public required string SuppressByJson { get; init; }

    public int SuppressionMinutes { get; init; }

    public required string SettingsJson { get; init; }

    public long MaxWindowCalls { get; init; }

    public long BackgroundAlerts { get; init; }

    public bool BackgroundMayAlert { get; init; }

    public required string BackgroundNote { get; init; }

    public required string AlertsJson { get; init; }
}
