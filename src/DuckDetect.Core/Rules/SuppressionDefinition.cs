using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>How a rule's alerts are suppressed: by which fields, for how long, and what a missing field means.</summary>
public sealed record SuppressionDefinition
{
    /// <summary>The alert fields that form a suppression group (the engine groups by user_arn and account_id).</summary>
    [JsonPropertyName("group_by")]
    public required IReadOnlyList<string> GroupBy { get; init; }

    [JsonPropertyName("duration_minutes")]
    public required int DurationMinutes { get; init; }

    /// <summary><c>suppress</c>: a missing (null) group field is a group of its own.</summary>
    [JsonPropertyName("missing_fields")]
    public string MissingFields { get; init; } = "suppress";
}
