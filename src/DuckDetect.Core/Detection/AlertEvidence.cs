using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Keeps alert_events (the events counted in each alert's windows) and alert_timeline (calls per interval bucket
/// around each alert) in line with the alerts, inside the detect run's transaction: the alerts whose time range
/// takes in a window evaluated now are gathered again, the retracted ones lose theirs. A gathered alert keeps the
/// evidence rows it had and gains the new ones, unless it lost one (then all of its rows are written again).
/// </summary>
[DapperAot]
public static class AlertEvidence
{
    /// <summary>How far before the opening window and after suppression_end a timeline reaches.</summary>
    public const int MarginMinutes = 60;

    public static void Refresh(IDbConnection connection, RuleDefinition rule, RuleSettings settings, IReadOnlyList<Span> spans, long runId, IDbTransaction tx)
    {
        if (RuleText.Counted(rule, settings) is not { } counted)
        {
            return;
        }
        connection.Execute(SqlScripts.Get("evidence/begin.sql"), transaction: tx);
        var alertsSql = RuleSql.Fill(rule, "evidence/alerts.sql");
        foreach (var span in spans)
        {
            connection.Execute(alertsSql, new
            {
                rule_id = rule.Id,
                margin_minutes = MarginMinutes,
                window_minutes = settings.WindowMinutes,
                first_end = span.FirstEnd,
                last_end = span.LastEnd,
            }, tx);
        }
        // A sequence's evidence takes in the first steps that came before its opening window.
        var before = rule.Type == "sequence" ? rule.LookbackMinutes(settings) : 0;
        var range = connection.QuerySingleOrDefault<EvidenceRange>(SqlScripts.Get("evidence/clear.sql"), new
        {
            rule_id = rule.Id,
            window_minutes = settings.WindowMinutes + before,
            events_before_minutes = before,
        }, tx);
        if (range is null)
        {
            connection.Execute("DROP TABLE IF EXISTS evidence_alerts", transaction: tx);
            return;
        }
        var refresh = RuleSql.Fill(rule, "evidence/refresh.sql", counted);
        connection.Execute(refresh, new
        {
            rule_id = rule.Id,
            range_start = range.RangeStart,
            range_end = range.RangeEnd,
            events_start = range.EventsStart,
            events_end = range.EventsEnd,
            window_minutes = settings.WindowMinutes,
            interval_minutes = settings.IntervalMinutes,
            evidence_before_minutes = before,
            run_id = runId,
        }, tx, commandTimeout: 0);
    }
}
