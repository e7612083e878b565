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
            CheckType(rule);
            if (rule.ReadsFrom == RuleSource.Invocations && rule.IsThreshold)
            {
                throw new InvalidOperationException("a rule over invocation logs is an event rule (match, new_terms or sequence)");
            }
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

    /// <summary>The parts a rule's type needs, and none of another type's; every field it names is a known one.</summary>
    private static void CheckType(RuleDefinition rule)
    {
        if (!RuleDefinition.Types.Contains(rule.Type, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"type must be one of {string.Join(", ", RuleDefinition.Types)}");
        }
        if ((rule.NewTerms is not null) != (rule.Type == "new_terms") || (rule.Sequence is not null) != (rule.Type == "sequence"))
        {
            throw new InvalidOperationException("new_terms goes with type new_terms, sequence with type sequence, and each needs its own");
        }
        if (rule.Distinct is not null && rule.Type != "match")
        {
            throw new InvalidOperationException("distinct goes with type match");
        }
        if (!rule.IsThreshold && (rule.History is not null || rule.TallyMinutes is not null || rule.CountedEventsSql is not null))
        {
            throw new InvalidOperationException("an event rule reads its events (no history, tally_minutes or counted_events_sql)");
        }
        if (rule.NewTerms is { } terms)
        {
            EventFields.Check(terms.Fields, "new_terms.fields");
        }
        if (rule.Sequence is { } sequence)
        {
            EventFields.Check([sequence.By], "sequence.by");
            if (!rule.CandidateKeys.Names.Contains(sequence.By, StringComparer.Ordinal))
            {
                throw new InvalidOperationException("sequence.by must be among group_by");
            }
        }
        if (rule.Distinct is { } distinct)
        {
            EventFields.Check(distinct.Fields, "distinct.fields");
        }
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
        if (rule.NewTerms is { } terms && settings.Get(terms.HistoryDaysSetting) is < 1 or > 366)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"setting {terms.HistoryDaysSetting} must be 1 to 366 days");
        }
        if (rule.Sequence is { } sequence && settings.Get(sequence.MaxSpanSetting) is < 1 or > 10080)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"setting {sequence.MaxSpanSetting} must be 1 to 10080 minutes");
        }
        if (rule.Distinct is { } distinct && settings.Get(distinct.MinSetting) < 1)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"setting {distinct.MinSetting} must be at least 1");
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

    /// <summary>
    /// Every definition, the threshold rules first (the seed rule, then its companions, by file name), then the event
    /// rules by file name: the order of every list of rules.
    /// </summary>
    private static IReadOnlyList<RuleDefinition> Load() =>
        SqlScripts.List("rules")
            .Where(n => n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => Validate((JsonSerializer.Deserialize(SqlScripts.Get(n), RuleJsonContext.Default.RuleDefinition)
                ?? throw new InvalidOperationException($"Rule definition {n} is empty.")) with { DefinitionFile = n }, n))
            .OrderBy(r => r.IsThreshold ? 0 : 1)
            .ThenBy(r => r.DefinitionFile, StringComparer.Ordinal)
            .ToList();
}
