using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Principals;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Investigation;

/// <summary>
/// The rule's investigation steps answered for one alert, from the job's database (the events live only there):
/// the opening window against the threshold and the suppression period bucket by bucket with its folded candidates,
/// the principal's baseline on the model, what was new about the caller, the principal's other Bedrock and IAM
/// calls, related alerts, the content signals of its invocation logs, the alert's companions in its principal's view,
/// triage and exceptions. One JSON object;
/// the CLI prints it as JSON or as sections.
/// </summary>
[DapperAot]
public static class AlertExplanation
{
    public const int BaselineDays = 14;
    public const int ContextHours = 24;

    public static JsonObject Build(DuckDbSession session, string alertId, int lookbackMinutes = PrincipalLookback.DefaultMinutes)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ruleId = session.Connection.QuerySingleOrDefault<string>(SqlScripts.Get("explain/alert.sql"), new { alert_id = alertId })
            ?? throw new DuckDetectException(FailureKind.InvalidArguments, $"no alert with id {alertId}");
        var rule = RuleCatalog.Get(ruleId);
        var sql = SqlText.Fill(SqlScripts.Get("explain/explain.sql"), new Dictionary<string, string>
        {
            ["counted"] = RuleText.Counted(rule) ?? SqlScripts.Get("explain/no_counted_events.sql"),
            ["triage"] = SqlScripts.Get("triage/current.sql"),
            ["content_signals"] = SqlScripts.Get("explain/content_signals.sql"),
        });
        var json = session.Connection.ExecuteScalar<string>(sql, new
        {
            alert_id = alertId,
            threshold = rule.Threshold,
            window_minutes = rule.WindowMinutes,
            interval_minutes = rule.IntervalMinutes,
            suppression_minutes = rule.Suppression.DurationMinutes,
            baseline_days = BaselineDays,
            context_hours = ContextHours,
            rule_severity = rule.Severity,
            range_start = DateTime.UnixEpoch,
            range_end = DateTime.MaxValue.AddYears(-1),
        }, commandTimeout: 0)!;
        var explanation = JsonNode.Parse(json)!.AsObject();
        // The alert's companions: its principals' views (docs/alerts.md), in memory.
        PrincipalViews.BuildForAlert(session.Connection, alertId, lookbackMinutes);
        explanation["companions"] = PrincipalViews.Companions(session.Connection, alertId, lookbackMinutes);
        return explanation;
    }
}
