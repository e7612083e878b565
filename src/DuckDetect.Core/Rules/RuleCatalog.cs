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
        return Find(id)
            ?? throw new DuckDetectException(FailureKind.InvalidArguments,
                $"no rule with id {id}; known: {string.Join(", ", All.Select(r => r.Id))}");
    }

    /// <summary>The rule with this id, or null (an alert of a rule this build no longer has).</summary>
    public static RuleDefinition? Find(string? id) =>
        All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Throws when the engine cannot run the definition as written: its SQL files must exist, its candidate and
    /// suppression keys must be columns the alerts table has (suppression keys among the candidate keys), missing
    /// fields forming their own group, and its settings must define hopping windows.
    /// </summary>
    public static RuleDefinition Validate(RuleDefinition rule, string source)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var scripts = SqlScripts.List("rules");
        foreach (var file in new[] { rule.Sql, rule.CountedEventsSql, rule.History?.StateSql }.OfType<string>())
        {
            if (!scripts.Contains(file, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"Rule definition {source}: no SQL file sql/{file}.");
            }
        }
        try
        {
            var keys = rule.CandidateKeys;
            if (rule.SuppressionKeys.Names.Except(keys.Names, StringComparer.Ordinal).Any())
            {
                throw new InvalidOperationException("suppression.group_by must be among group_by");
            }
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"Rule definition {source}: {e.Message}.", e);
        }
        if (rule.Suppression.MissingFields != "suppress")
        {
            throw new InvalidOperationException($"Rule definition {source}: the engine suppresses with missing fields 'suppress' (a missing field is a group of its own).");
        }
        CheckSettings(rule, rule.Settings);
        return rule;
    }

    /// <summary>Throws <see cref="FailureKind.InvalidArguments"/> when these settings cannot run the rule.</summary>
    public static RuleSettings CheckSettings(RuleDefinition rule, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (rule.HourAligned && (settings.IntervalMinutes % 60 != 0 || settings.WindowMinutes % 60 != 0))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"rule {rule.Id} counts whole hours: its window and interval must be multiples of 60 minutes");
        }
        var tally = rule.TallyMinutesFor(settings);
        if (tally < 1 || settings.IntervalMinutes % tally != 0 || settings.WindowMinutes % tally != 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"rule {rule.Id} reads a tally of {tally}-minute buckets: its window and interval must be multiples of it");
        }
        if (rule.History is { } history)
        {
            var days = settings.Get(history.DaysSetting);
            if (days < 1 || days > 366)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, $"setting {history.DaysSetting} must be 1 to 366 days");
            }
        }
        return settings;
    }

    private static IReadOnlyList<RuleDefinition> Load() =>
        SqlScripts.List("rules")
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Validate((JsonSerializer.Deserialize(SqlScripts.Get(n), RuleJsonContext.Default.RuleDefinition)
                ?? throw new InvalidOperationException($"Rule definition {n} is empty.")) with { DefinitionFile = n }, n))
            .ToList();
}
