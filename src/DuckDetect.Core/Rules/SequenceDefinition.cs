using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A two-step sequence rule's join (Elastic's EQL <c>sequence by FIELD with maxspan=N</c>): the event field both
/// steps share, and the setting that holds the most minutes between them.
/// </summary>
public sealed record SequenceDefinition
{
    [JsonPropertyName("by")]
    public required string By { get; init; }

    [JsonPropertyName("max_span_setting")]
    public string MaxSpanSetting { get; init; } = "max_span_minutes";
}
