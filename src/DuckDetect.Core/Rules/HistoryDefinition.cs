using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// The history a rule reads before each window (a baseline): how many days (the setting that says it), and the
/// script that keeps its hourly counts from each ingest batch once, so that no run reads days of events again.
/// </summary>
public sealed record HistoryDefinition
{
    /// <summary>The setting holding the number of days of history a window reads.</summary>
    [JsonPropertyName("days_setting")]
    public required string DaysSetting { get; init; }

    /// <summary>
    /// The embedded SQL file, relative to <c>sql/</c>, that appends to rule_hourly_calls the counts of the ingest
    /// batches after <c>$last_batch</c> up to <c>$max_batch</c>.
    /// </summary>
    [JsonPropertyName("state_sql")]
    public required string StateSql { get; init; }
}
