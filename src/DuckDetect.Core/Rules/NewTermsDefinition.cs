using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A new-terms rule's terms (Elastic's new_terms_fields): the event fields whose values, together, must not have
/// occurred in the history window before an event for it to count, and the setting that holds the window's days.
/// </summary>
public sealed record NewTermsDefinition
{
    [JsonPropertyName("fields")]
    public required IReadOnlyList<string> Fields { get; init; }

    [JsonPropertyName("history_days_setting")]
    public string HistoryDaysSetting { get; init; } = "history_days";
}
