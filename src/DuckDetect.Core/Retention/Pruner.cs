using System.Diagnostics;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Retention;

/// <summary>
/// <c>prune --before T</c>: deletes the events before T, one UTC day per transaction, after recording T as the
/// pruned horizon. Alerts, retracted alerts, triage, exceptions, candidates, evidence (alert_events, alert_timeline)
/// and the record of loaded files stay: a file already loaded is not loaded again, and detection never evaluates a
/// window that starts before the horizon. Refuses to delete events of windows a rule has not evaluated yet.
/// </summary>
[DapperAot]
public sealed class Pruner(DuckDbSession session, IStatusSink status)
{
    public PruneSummary Run(DateTimeOffset before, bool compact, DateTimeOffset now)
    {
        var clock = Stopwatch.StartNew();
        var connection = session.Connection;
        // The checkpoint after the deletes merges the thinned row groups: that is what frees their blocks.
        session.Vacuum?.Allow();
        var bytesBefore = DatabaseBytes();
        CheckEvaluated(before);
        session.InTransaction(tx => connection.Execute(SqlScripts.Get("retention/horizon.sql"),
            new { before = before.UtcDateTime, now = now.UtcDateTime }, tx));
        var days = connection.Query<DateTime>(SqlScripts.Get("retention/days.sql"), new { before = before.UtcDateTime }).AsList();
        long deleted = 0;
        for (var i = 0; i < days.Count; i++)
        {
            var day = days[i];
            deleted += session.InTransaction(tx => connection.Execute(SqlScripts.Get("retention/delete_day.sql"),
                new { day, before = before.UtcDateTime }, tx, commandTimeout: 0));
            status.Progress("prune", i + 1, days.Count, $"events of {day:yyyy-MM-dd} deleted");
        }
        StepTrace.Step("prune: checkpoint", () => connection.Execute("CHECKPOINT"));
        var summary = new PruneSummary(before, deleted, days.Count, bytesBefore, DatabaseBytes(), compact, clock.Elapsed);
        // Recorded before a compaction (which must be the session's last act): bytes_after is the size after the
        // prune's checkpoint.
        session.InTransaction(tx => connection.Execute(SqlScripts.Get("retention/record.sql"), new
        {
            before = before.UtcDateTime,
            started_at = now.UtcDateTime,
            finished_at = DateTime.UtcNow,
            duration_ms = (long)clock.Elapsed.TotalMilliseconds,
            events_deleted = deleted,
            bytes_before = bytesBefore,
            bytes_after = summary.BytesAfter,
            compacted = compact,
        }, tx));
        if (compact)
        {
            StepTrace.Step("prune: compact", () => DatabaseCompactor.CopyIntoNewFile(session));
            summary = summary with { BytesAfter = DatabaseBytes(), Elapsed = clock.Elapsed };
        }
        return summary;
    }

    /// <summary>
    /// Every enabled rule must have evaluated the windows that hold events before the horizon (a disabled one, enabled
    /// again, resumes after the horizon: detect never evaluates a window that pruning made incomplete).
    /// </summary>
    private void CheckEvaluated(DateTimeOffset before)
    {
        var connection = session.Connection;
        if (connection.ExecuteScalar<long>("SELECT count(*) FROM (SELECT 1 FROM cloudtrail_events WHERE event_time < $before LIMIT 1)",
                new { before = before.UtcDateTime }) == 0)
        {
            return;
        }
        var disabled = RuleStatus.Disabled(connection);
        foreach (var rule in RuleCatalog.All.Where(r => !disabled.Contains(r.Id)))
        {
            var needed = before + rule.Settings.Window;
            var checkpoint = connection.ExecuteScalar<DateTime?>("SELECT checkpoint FROM rule_state WHERE rule_id = $rule_id", new { rule_id = rule.Id });
            if (checkpoint is null || new DateTimeOffset(DateTime.SpecifyKind(checkpoint.Value, DateTimeKind.Utc)) < needed)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments,
                    $"rule {rule.Id} has evaluated windows up to {(checkpoint is { } c ? c.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) : "nothing yet")}; " +
                    $"pruning before {before:yyyy-MM-ddTHH:mm:ssZ} would delete events of windows ending up to {needed:yyyy-MM-ddTHH:mm:ssZ} " +
                    "that it has not evaluated: run detect first, or prune an earlier time");
            }
        }
    }

    private long DatabaseBytes()
    {
        var file = new FileInfo(session.Path);
        var wal = new FileInfo(session.Path + ".wal");
        return (file.Exists ? file.Length : 0) + (wal.Exists ? wal.Length : 0);
    }
}
