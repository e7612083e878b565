using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Every rule's run record and state of a detect run, written in two statements for all rules (each value a list,
/// unnested row by row: detect/save_states.sql, detect/record_runs.sql), and the run ids they get, drawn at once.
/// </summary>
[DapperAot]
internal static class RunRecords
{
    /// <summary>The next <paramref name="count"/> run ids, in order.</summary>
    public static IReadOnlyList<long> NextIds(IDbConnection connection, IDbTransaction tx, int count) =>
        count == 0 ? [] : connection.Query<long>(SqlScripts.Get("detect/next_run_ids.sql"), new { count }, tx).AsList();

    public static void Save(IDbConnection connection, IDbTransaction tx, IReadOnlyList<RunRecord> records, long maxBatch, DateTime now)
    {
        var moved = records.Where(r => r.StateFrom is not null).ToList();
        if (moved.Count > 0)
        {
            connection.Execute(SqlScripts.Get("detect/save_states.sql"), new
            {
                rule_ids = ListParameter.Of(moved.Select(r => r.Summary.RuleId)),
                range_froms = ListParameter.Of(moved.Select(r => r.StateFrom!.Value)),
                range_tos = ListParameter.Of(moved.Select(r => r.RangeTo)),
                max_batch = maxBatch,
                now,
            }, tx);
        }
        if (records.Count == 0)
        {
            return;
        }
        var s = records.Select(r => r.Summary).ToList();
        connection.Execute(SqlScripts.Get("detect/record_runs.sql"), new
        {
            run_ids = ListParameter.Of(s.Select(x => x.RunId)),
            rule_ids = ListParameter.Of(s.Select(x => x.RuleId)),
            started_at = now,
            finished_at = DateTime.UtcNow,
            durations_ms = ListParameter.Of(s.Select(x => (long)x.Elapsed.TotalMilliseconds)),
            range_froms = ListParameter.Of(s.Select(x => x.RangeFrom?.UtcDateTime)),
            range_tos = ListParameter.Of(records.Select(r => r.RangeTo)),
            windows_evaluated = ListParameter.Of(s.Select(x => x.WindowsEvaluated)),
            late_windows = ListParameter.Of(s.Select(x => x.LateWindows)),
            candidates = ListParameter.Of(s.Select(x => x.Candidates)),
            alerts_new = ListParameter.Of(s.Select(x => x.AlertsNew)),
            alerts_updated = ListParameter.Of(s.Select(x => x.AlertsUpdated)),
            alerts_retracted = ListParameter.Of(s.Select(x => x.AlertsRetracted)),
            settings = ListParameter.Of(records.Select(r => r.Settings)),
            first_window_ends = ListParameter.Of(records.Select(r => r.FirstWindowEnd)),
            last_window_ends = ListParameter.Of(records.Select(r => r.LastWindowEnd)),
        }, tx);
    }
}
