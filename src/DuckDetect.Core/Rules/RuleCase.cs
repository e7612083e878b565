using System.Text.Json;
using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A case a rule's definition carries with it: a few CloudTrail records (each laid over a plain Bedrock call, so that a
/// case names only what matters) and whether the rule must fire on them. One test runs every rule's cases, the rule
/// alone and with every other rule (tests/DuckDetect.Tests/Rules/RuleCaseTests.cs).
/// </summary>
public sealed record RuleCase
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("fires")]
    public required bool Fires { get; init; }

    /// <summary>The records: top-level fields replace the plain call's, userIdentity's fields are merged into its own.</summary>
    [JsonPropertyName("events")]
    public required IReadOnlyList<JsonElement> Events { get; init; }
}
