using System.Text.Json;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>The rules compiled in: every <c>sql/rules/*.json</c> definition with its SQL beside it.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<RuleDefinition>> Rules = new(Load);

    public static IReadOnlyList<RuleDefinition> All => Rules.Value;

    /// <summary>The rules to run: the one with this id, or every rule when <paramref name="id"/> is null.</summary>
    public static IReadOnlyList<RuleDefinition> Select(string? id) => id is null ? All : [Get(id)];

    /// <summary>The rule with this id (or, when null, the first rule).</summary>
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

    /// <summary>
    /// Throws when the engine cannot run the definition as written: its SQL must exist, and suppression groups by
    /// user_arn and account_id (the alerts table's principal columns), missing fields forming their own group.
    /// </summary>
    public static RuleDefinition Validate(RuleDefinition rule, string source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (!SqlScripts.List("rules").Contains(rule.Sql, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Rule definition {source}: no SQL file sql/{rule.Sql}.");
        }
        if (rule.CountedEventsSql is { } counted && !SqlScripts.List("rules").Contains(counted, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Rule definition {source}: no SQL file sql/{counted}.");
        }
        if (!rule.Suppression.GroupBy.SequenceEqual(["user_arn", "account_id"], StringComparer.Ordinal)
            || rule.Suppression.MissingFields != "suppress")
        {
            throw new InvalidOperationException(
                $"Rule definition {source}: the engine suppresses by [user_arn, account_id] with missing fields 'suppress'.");
        }
        rule.Settings.Validate();
        return rule;
    }

    private static IReadOnlyList<RuleDefinition> Load() =>
        SqlScripts.List("rules")
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Validate((JsonSerializer.Deserialize(SqlScripts.Get(n), RuleJsonContext.Default.RuleDefinition)
                ?? throw new InvalidOperationException($"Rule definition {n} is empty.")) with { DefinitionFile = n }, n))
            .ToList();
}
