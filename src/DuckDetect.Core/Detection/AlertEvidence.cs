using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Keeps alert_events (the events counted in each alert's windows) and alert_timeline (calls per interval bucket
/// around each alert) in line with the alerts, inside the detect run's transaction: the alerts whose time range
/// takes in a window evaluated now are gathered again, the retracted ones lose theirs. A gathered alert keeps the
/// evidence rows it had and gains the new ones, unless it lost one (then all of its rows are written again). An alert
/// whose evidence was gathered before from the same basis (alert_evidence_marks: the same principal, models, windows
/// and suppression end) takes in only the events of the ingest batches since, or nothing when none came.
/// </summary>
[DapperAot]
public static class AlertEvidence
{
    /// <summary>How far before the opening window and after suppression_end a timeline reaches.</summary>
    public const int MarginMinutes = 60;

    /// <param name="maxBatch">The newest ingest batch: the evidence written holds every batch up to it.</param>
    public static void Refresh(IDbConnection connection, RuleDefinition rule, RuleSettings settings, IReadOnlyList<Span> spans, long runId,
        long maxBatch, IDbTransaction tx)
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
        var refresh = RuleSql.Fill(rule, "evidence/refresh.sql", counted);
        var append = RuleSql.Fill(rule, "evidence/append.sql", counted);
        StepTrace.Step("detect: evidence: which alerts changed", () => connection.Execute(SqlScripts.Get("evidence/marks.sql"), new
        {
            rule_id = rule.Id,
            basis = Basis(settings, before, refresh, append),
            max_batch = maxBatch,
        }, tx));
        StepTrace.Step("detect: evidence: gathered again", () =>
        {
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
            Write(connection, refresh, rule, settings, range, before, runId, maxBatch, tx);
        });
        StepTrace.Step("detect: evidence: new batches taken in", () =>
        {
            var range = connection.QuerySingleOrDefault<EvidenceRange>(SqlText.Fill(SqlScripts.Get("evidence/append_range.sql"), rule.ReadsFrom.Fragments), new
            {
                window_minutes = settings.WindowMinutes + before,
                events_before_minutes = before,
                max_batch = maxBatch,
            }, tx);
            if (range is not null)
            {
                Write(connection, append, rule, settings, range, before, runId, maxBatch, tx);
            }
            connection.Execute("DROP TABLE evidence_appending", transaction: tx);
        });
    }

    /// <summary>Runs refresh.sql or append.sql over <paramref name="range"/>.</summary>
    private static void Write(IDbConnection connection, string sql, RuleDefinition rule, RuleSettings settings, EvidenceRange range, int before,
        long runId, long maxBatch, IDbTransaction tx) =>
        connection.Execute(sql, new
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
            max_batch = maxBatch,
        }, tx, commandTimeout: 0);

    /// <summary>
    /// What an alert's evidence depends on besides its own row and the events: the rule's windows and the evidence
    /// queries as filled for it (its counted events, its keys). A change of either gathers every alert again.
    /// </summary>
    private static string Basis(RuleSettings settings, int before, string refresh, string append)
    {
        var text = string.Join('\n', settings.WindowMinutes.ToString(CultureInfo.InvariantCulture),
            settings.IntervalMinutes.ToString(CultureInfo.InvariantCulture), before.ToString(CultureInfo.InvariantCulture),
            MarginMinutes.ToString(CultureInfo.InvariantCulture), refresh, append);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
