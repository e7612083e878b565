using System.Text.Json;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>The rules compiled in: every <c>sql/rules/*.json</c> definition with its SQL beside it.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<RuleDefinition>> Rules = new(Load);

    public static IReadOnlyList<RuleDefinition> All => Rules.Value;

    /// <summary>The rule with this id (or, when null, the only/first rule).</summary>
    public static RuleDefinition Get(string? id = null)
    {
        if (id is null)
        {
            return All[0];
        }
        return All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase))
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"no rule with id {id}; known: {string.Join(", ", All.Select(r => r.Id))}");
    }

    private static IReadOnlyList<RuleDefinition> Load() =>
        SqlScripts.List("rules")
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => JsonSerializer.Deserialize<RuleDefinition>(SqlScripts.Get(n))
                ?? throw new InvalidOperationException($"Rule definition {n} is empty."))
            .ToList();
}
