using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Rules;

/// <summary>
/// A rule's SQL (its query, counted events or hourly state) with the stages the Bedrock rules share filled in:
/// <c>{{name}}</c> is the text of <c>sql/rules/shared/name.sql</c> (the calls they count, the model id, the context
/// lists), so that each rule's file holds what is its own.
/// </summary>
public static class RuleText
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Shared = new(Load);

    /// <summary>The text of <c>sql/{name}</c> with the shared stages filled in.</summary>
    public static string Get(string name) => SqlText.Fill(SqlScripts.Get(name), Shared.Value);

    /// <summary>The text of <c>sql/{name}</c> with the shared stages and <paramref name="fragments"/> filled in.</summary>
    public static string Fill(string name, IReadOnlyDictionary<string, string> fragments) =>
        SqlText.Fill(SqlScripts.Get(name), Shared.Value.Concat(fragments).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));

    /// <summary>The name of the shared tally of <paramref name="minutes"/>-minute buckets (detect/stages/tally_*.sql).</summary>
    public static string TallyTable(int minutes) => "detect_tally_" + minutes.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A rule's query with its shared stages filled in, reading the tally of its width under these settings.</summary>
    public static string Query(RuleDefinition rule, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.IsThreshold
            ? Fill(rule.Sql, new Dictionary<string, string> { ["tally"] = TallyTable(rule.TallyMinutesFor(settings)) })
            : EventRuleSql.Query(rule);
    }

    /// <summary>The events a rule counts for its alerts' evidence: its counted_events_sql, or an event rule's matches; null when none.</summary>
    public static string? Counted(RuleDefinition rule, RuleSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.IsThreshold ? rule.CountedEventsSql is { } counted ? Get(counted) : null : EventRuleSql.Counted(rule, settings);
    }

    /// <summary>The shared stages by name, each with the stages it names filled in (one level deep).</summary>
    private static Dictionary<string, string> Load()
    {
        var raw = SqlScripts.List("rules/shared").ToDictionary(
            n => Path.GetFileNameWithoutExtension(n), n => SqlScripts.Get(n).TrimEnd(), StringComparer.Ordinal);
        return raw.ToDictionary(
            e => e.Key,
            e => raw.Aggregate(e.Value, (text, inner) => text.Replace("{{" + inner.Key + "}}", inner.Value, StringComparison.Ordinal)),
            StringComparer.Ordinal);
    }
}
