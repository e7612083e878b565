using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A rule over CloudTrail whose windows also depend on where invocation logs were delivered (the blind-spot rule):
/// the setting with the days before a call that its predicate reads of <c>bedrock_invocation_hours</c>. Invocation
/// ingest batches then re-evaluate the windows up to that many days (and an hour) after the invocations they add.
/// </summary>
public sealed record InvocationLoggingDefinition
{
    [JsonPropertyName("days_setting")]
    public required string DaysSetting { get; init; }
}
