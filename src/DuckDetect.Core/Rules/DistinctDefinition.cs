using System.Text.Json.Serialization;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A match rule that counts distinct values (Elastic's threshold rules with a cardinality): a group fires only when
/// at least one of <see cref="Fields"/> has as many distinct values among its hits as the setting
/// <see cref="MinSetting"/> says.
/// </summary>
public sealed record DistinctDefinition
{
    [JsonPropertyName("fields")]
    public required IReadOnlyList<string> Fields { get; init; }

    [JsonPropertyName("min_setting")]
    public string MinSetting { get; init; } = "min_distinct";
}
