using System.Text.Json;
using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A case a rule's definition carries with it: a few CloudTrail records (each laid over a plain Bedrock call, so that a
/// case names only what matters), model invocation log records likewise, and whether the rule must fire on them. One test runs every rule's cases, the rule
/// alone and with every other rule (tests/DuckDetect.Tests/Rules/RuleCaseTests.cs).
/// </summary>
public sealed record RuleCase
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("fires")]
    public required bool Fires { get; init; }

    /// <summary>The CloudTrail records: top-level fields replace the plain call's, userIdentity's fields are merged into its own.</summary>
    [JsonPropertyName("events")]
    public IReadOnlyList<JsonElement>? CloudTrail { get; init; }

    /// <summary>The CloudTrail records (none when the case has only invocation log records).</summary>
    [JsonIgnore]
    public IReadOnlyList<JsonElement> Events => CloudTrail ?? [];

    /// <summary>
    /// The model invocation log records, each laid over a plain invocation (a Converse call that succeeded, without a
    /// guardrail): top-level fields replace its own, <c>input</c>'s and <c>output</c>'s fields are merged into its
    /// own; <c>"$repeat": N</c> makes N records of it, a second apart, each with a request id of its own.
    /// </summary>
    [JsonPropertyName("invocations")]
    public IReadOnlyList<JsonElement>? InvocationRecords { get; init; }

    /// <summary>The model invocation log records (none when the case has only CloudTrail records).</summary>
    [JsonIgnore]
    public IReadOnlyList<JsonElement> Invocations => InvocationRecords ?? [];
}
