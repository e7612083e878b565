using System.Data;
using System.Diagnostics;
using Dapper;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Retention;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Evaluates a rule's hopping windows over a range of window ends, plus the windows that newly ingested
/// events fall into, and brings candidates and alerts in line, all in one transaction.
/// C# picks the windows and binds parameters; DuckDB reads, aggregates, suppresses and writes.
/// </summary>
[DapperAot]
public sealed class Detector(DuckDbSession session, RuleDefinition rule, IStatusSink status)
{
    public DetectSummary Run(DetectRequest request)
    {
        var clock = Stopwatch.StartNew();
        var settings = RuleCatalog.CheckSettings(rule, request.Settings ?? rule.Settings);
        return session.InTransaction(tx => Run(request, settings, tx, clock));
    }

    /// <summary>Runs within a transaction the caller commits (an exception change and its re-evaluation are one).</summary>
    public DetectSummary Run(DetectRequest request, IDbTransaction tx)
    {
        var clock = Stopwatch.StartNew();
        return Run(request, RuleCatalog.CheckSettings(rule, request.Settings ?? rule.Settings), tx, clock);
    }

    private DetectSummary Run(DetectRequest request, RuleSettings settings, IDbTransaction tx, Stopwatch clock)
    {
        var connection = session.Connection;
        // DuckDB keeps microseconds: the run's timestamp must compare equal to what is stored.
        var now = new DateTime(request.Now.UtcTicks - (request.Now.UtcTicks % 10), DateTimeKind.Utc);
        var state = connection.QuerySingleOrDefault<RuleState>(
            "SELECT checkpoint AS Checkpoint, last_ingest_batch AS LastIngestBatch FROM rule_state WHERE rule_id = $rule_id",
            new { rule_id = rule.Id }, tx);
        var maxBatch = StepTrace.Step("detect: newest ingest batch", () => connection.ExecuteScalar<long?>("SELECT max(ingest_batch) FROM cloudtrail_events", transaction: tx)) ?? 0;
        var to = settings.Floor(request.To ?? request.Now);
        var from = request.From is { } f ? settings.Floor(f) : DefaultFrom(state, settings, tx);
        if (request.From is not null && request.To is not null && request.From > request.To)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--from {request.From:yyyy-MM-ddTHH:mm:ssZ} is after --to {request.To:yyyy-MM-ddTHH:mm:ssZ}");
        }
        var horizon = PrunedHorizon.Read(connection, tx);
        var firstComplete = horizon is { } h ? PrunedHorizon.FirstCompleteEnd(h, settings) : (DateTimeOffset?)null;
        if (request.From is { } requested && horizon is { } pruned)
        {
            PrunedHorizon.CheckFrom(pruned, settings, requested);
        }
        var windowParameters = new
        {
            interval_minutes = settings.IntervalMinutes,
            window_minutes = settings.WindowMinutes,
        };
        connection.Execute(SqlScripts.Get("detect/window_ends_table.sql"), transaction: tx);
        if (from is { } rangeFrom && rangeFrom < to)
        {
            connection.Execute(SqlScripts.Get("detect/window_ends_range.sql"),
                new { range_from = rangeFrom.UtcDateTime, range_to = to.UtcDateTime, windowParameters.interval_minutes }, tx);
        }
        if (state is not null && maxBatch > state.LastIngestBatch)
        {
            connection.Execute(SqlScripts.Get("detect/window_ends_late.sql"), new
            {
                last_batch = state.LastIngestBatch,
                max_batch = maxBatch,
                checkpoint = state.Checkpoint,
                windowParameters.interval_minutes,
                windowParameters.window_minutes,
                lookback_minutes = rule.LookbackMinutes(settings),
            }, tx);
        }
        if (firstComplete is { } first)
        {
            // Never a window that pruning made incomplete (late events before the horizon, a rule new since).
            connection.Execute("DELETE FROM detect_window_ends WHERE window_end < $first", new { first = first.UtcDateTime }, tx);
        }
        if (rule.History is { } history)
        {
            // The rule's hourly counts take in the ingest batches it has not seen yet (all of them on its first run).
            StepTrace.Step("detect: hourly counts", () => connection.Execute(RuleText.Get(history.StateSql), new
            {
                rule_id = rule.Id,
                last_batch = state?.LastIngestBatch ?? 0,
                max_batch = maxBatch,
            }, tx, commandTimeout: 0));
        }
        var ends = connection.QuerySingleOrDefault<WindowEnds>(SqlScripts.Get("detect/window_ends_summary.sql"), transaction: tx);
        var spans = ends is null ? []
            : ends.Consecutive(settings.IntervalMinutes) ? [new Span(ends.FirstEnd, ends.LastEnd, ends.Windows)]
            : StepTrace.Step("detect: spans", () => connection.Query<Span>(SqlScripts.Get("detect/spans.sql"), new { windowParameters.interval_minutes }, tx).AsList());
        var lateWindows = ends?.Late ?? 0;
        var ruleSql = RuleText.Get(rule.Sql);
        var replace = SqlText.Fill(SqlScripts.Get("detect/replace_candidates.sql"), new Dictionary<string, string> { ["rule"] = ruleSql });
        var suppressionSql = RuleSql.Fill(rule, "detect/suppress.sql");
        var applySql = RuleSql.Fill(rule, "detect/apply_alerts.sql");
        long done = 0;
        var total = spans.Sum(s => s.Windows);
        foreach (var span in spans)
        {
            StepTrace.Step("detect: candidates of a span", () => connection.Execute(replace,
                RuleSql.Parameters(rule, settings, span.FirstEnd, span.LastEnd), tx, commandTimeout: 0));
            StepTrace.Step("detect: exceptions of a span", () => ExceptionStore.Apply(connection, rule.Id, span.FirstEnd, span.LastEnd, tx));
            done += span.Windows;
            status.Progress("detect", done, total, $"windows up to {span.LastEnd:yyyy-MM-dd HH:mm}Z");
        }

        var runId = connection.ExecuteScalar<long>("SELECT nextval('detect_run_seq')", transaction: tx);
        var counts = new AlertCounts(0, 0, 0, 0);
        if (spans.Count > 0)
        {
            var alertParameters = new
            {
                rule_id = rule.Id,
                rule_name = rule.Name,
                severity = rule.Severity,
                risk_score = rule.RiskScore,
                duration_minutes = settings.SuppressionMinutes,
                dirty_from = spans[0].FirstEnd,
                run_id = runId,
                now,
            };
            StepTrace.Step("detect: suppress", () => connection.Execute(suppressionSql, alertParameters, tx, commandTimeout: 0));
            StepTrace.Step("detect: apply alerts", () => connection.Execute(applySql, alertParameters, tx, commandTimeout: 0));
            counts = StepTrace.Step("detect: alert counts", () => connection.QuerySingle<AlertCounts>(SqlScripts.Get("detect/alert_counts.sql"), alertParameters, tx));
            StepTrace.Step("detect: evidence", () => AlertEvidence.Refresh(connection, rule, settings, spans, runId, tx));
        }
        if (from is { } f2)
        {
            StepTrace.Step("detect: save state", () => connection.Execute(SqlScripts.Get("detect/save_state.sql"), new
            {
                rule_id = rule.Id,
                range_from = (f2 < to ? f2 : to).UtcDateTime,
                range_to = to.UtcDateTime,
                max_batch = maxBatch,
                now,
            }, tx));
        }
        var summary = new DetectSummary
        {
            RunId = runId,
            RunTime = now,
            RangeFrom = from,
            RangeTo = to,
            WindowsEvaluated = total,
            LateWindows = lateWindows,
            Spans = spans.Count,
            Candidates = counts.Candidates,
            AlertsNew = counts.AlertsNew,
            AlertsUpdated = counts.AlertsUpdated,
            AlertsRetracted = counts.AlertsRetracted,
            Elapsed = clock.Elapsed,
        };
        connection.Execute(SqlScripts.Get("detect/record_run.sql"), new
        {
            run_id = runId,
            rule_id = rule.Id,
            started_at = now,
            finished_at = DateTime.UtcNow,
            duration_ms = (long)clock.Elapsed.TotalMilliseconds,
            range_from = from?.UtcDateTime,
            range_to = to.UtcDateTime,
            windows_evaluated = total,
            late_windows = lateWindows,
            candidates = counts.Candidates,
            alerts_new = counts.AlertsNew,
            alerts_updated = counts.AlertsUpdated,
            alerts_retracted = counts.AlertsRetracted,
            settings = settings.ToString(),
            first_window_end = spans.Count > 0 ? spans[0].FirstEnd : (DateTime?)null,
            last_window_end = spans.Count > 0 ? spans.Max(s => s.LastEnd) : (DateTime?)null,
        }, tx);
        connection.Execute("DROP TABLE IF EXISTS detect_window_ends; DROP TABLE IF EXISTS recomputed_alerts; DROP TABLE IF EXISTS retracting;", transaction: tx);
        return summary;
    }

    /// <summary>Where the last run stopped, or on a new database the first event (floored to the interval).</summary>
    private DateTimeOffset? DefaultFrom(RuleState? state, RuleSettings settings, IDbTransaction tx)
    {
        if (state is not null)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(state.Checkpoint, DateTimeKind.Utc));
        }
        var first = session.Connection.ExecuteScalar<DateTime?>("SELECT min(event_time) FROM cloudtrail_events", transaction: tx);
        return first is { } t ? settings.Floor(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : null;
    }
}
