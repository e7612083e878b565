using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>A rule as its definition file (<c>sql/rules/*.json</c>) describes it.</summary>
public sealed record RuleDefinition
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>The embedded SQL file with the rule's query, relative to <c>sql/</c>.</summary>
    [JsonPropertyName("sql")]
    public required string Sql { get; init; }

    /// <summary>
    /// The embedded SQL file that lists the events the rule counts (for alert evidence and timelines), relative to
    /// <c>sql/</c>; without it, the rule's alerts carry no evidence.
    /// </summary>
    [JsonPropertyName("counted_events_sql")]
    public string? CountedEventsSql { get; init; }

    [JsonPropertyName("severity")]
    public required string Severity { get; init; }

    [JsonPropertyName("risk_score")]
    public required int RiskScore { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName("references")]
    public IReadOnlyList<string> References { get; init; } = [];

    [JsonPropertyName("threshold")]
    public required long Threshold { get; init; }

    [JsonPropertyName("window_minutes")]
    public required int WindowMinutes { get; init; }

    [JsonPropertyName("interval_minutes")]
    public required int IntervalMinutes { get; init; }

    [JsonPropertyName("suppression")]
    public required SuppressionDefinition Suppression { get; init; }

    /// <summary>The definition file this was read from, relative to <c>sql/</c> (its text is published as is).</summary>
    [JsonIgnore]
    public string DefinitionFile { get; init; } = "";

    /// <summary>The settings as defined (what production detection uses).</summary>
    [JsonIgnore]
    public RuleSettings Settings => new(Threshold, WindowMinutes, IntervalMinutes, Suppression.DurationMinutes);
}
