using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>The engine's scripts filled with a rule's keys, and the parameters of a rule's query.</summary>
public static class RuleSql
{
    /// <summary>
    /// A detect or evidence script with the rule's keys filled in: <c>{{candidate_key}}</c>, <c>{{alert_key}}</c>
    /// (the suppression keys of a candidate <c>c</c> or an alert <c>a</c> as JSON text), <c>{{key_values}}</c>
    /// (their values in a group, for the alert id), <c>{{candidate_match}}</c> (a candidate <c>c</c> and an alert
    /// <c>a</c> of the same group), <c>{{counted_match}}</c> (an evidence alert <c>t</c> and a
    /// counted event <c>k</c> of the same group), <c>{{counted}}</c> (the rule's counted events query, for evidence) and <c>{{openings}}</c> (suppression's
    /// openings, shared with tune).
    /// </summary>
    public static string Fill(RuleDefinition rule, string script, string? counted = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var keys = rule.SuppressionKeys;
        return SqlText.Fill(SqlScripts.Get(script), new Dictionary<string, string>
        {
            ["counted"] = counted ?? "",
            ["openings"] = SqlScripts.Get("suppression/openings.sql").TrimEnd(),
            ["candidate_key"] = keys.Json("c"),
            ["alert_key"] = keys.Json("a"),
            ["key_values"] = keys.AnyValues(),
            ["candidate_match"] = keys.Match("c", "a"),
            ["counted_match"] = keys.Match("t", "k"),
            // An alert's evidence is per model of its candidates when the rule counts per model; else every counted event.
            ["model_match"] = rule.CandidateKeys.Names.Contains("model_id") ? "t.model_id = k.model_id" : "true",
            ["evidence_source"] = rule.ReadsFrom == RuleSource.Invocations
                ? "(SELECT event_row AS rowid, * FROM (SELECT " + SqlScripts.Get("detect/stages/invocation_columns.sql").TrimEnd() + " FROM bedrock_invocations))"
                : rule.ReadsFrom.Table,
        });
    }

    /// <summary>The parameters of the rule's query for one span of window ends: the span, every setting, the rule id.</summary>
    public static DynamicParameters Parameters(RuleDefinition rule, RuleSettings settings, DateTime firstEnd, DateTime lastEnd)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(settings);
        var parameters = new DynamicParameters();
        parameters.Add("rule_id", rule.Id);
        parameters.Add("first_end", firstEnd);
        parameters.Add("last_end", lastEnd);
        parameters.Add("threshold", settings.Threshold);
        parameters.Add("window_minutes", settings.WindowMinutes);
        parameters.Add("interval_minutes", settings.IntervalMinutes);
        foreach (var (name, value) in settings.Extra)
        {
            parameters.Add(name, value);
        }
        return parameters;
    }
}
