using System.Data;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// The content signals of a threshold rule's alerts (alert_content_signals), computed within the detect run's
/// transaction after the rule's alerts are written: only for the alerts the run created or changed, and those whose
/// span or baseline took in invocation logs of ingest batches the rule's signals have not seen
/// (content_signal_state). Then the alerts' severity follows the verdict. All of it in SQL (<c>sql/signals/</c>).
/// </summary>
[DapperAot]
internal static class ContentSignals
{
    /// <summary>The temporary macros the verdict's severity needs (detect/apply_alerts.sql uses them too).</summary>
    public static void CreateMacros(IDbConnection connection, IDbTransaction tx) =>
        connection.Execute(SqlScripts.Get("signals/macros.sql"), transaction: tx);

    /// <summary>The newest invocation ingest batch (0 without invocation logs), read once per run.</summary>
    public static long NewestBatch(IDbConnection connection, IDbTransaction tx) =>
        connection.ExecuteScalar<long?>(SqlScripts.Get("signals/newest_batch.sql"), transaction: tx) ?? 0;

    /// <summary>
    /// Computes the signals the alerts of the run's threshold rules need now, all rules together in one pass over the
    /// invocations (each alert keeps its rule's run id, severity and risk score); returns how many alerts got them.
    /// </summary>
    public static long Refresh(IDbConnection connection, IDbTransaction tx, IReadOnlyList<(RuleDefinition Rule, long RunId)> rules, DateTime now, long maxBatch)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
        {
            return 0;
        }
        connection.Execute(SqlScripts.Get("signals/rules.sql"), transaction: tx);
        foreach (var (rule, runId) in rules)
        {
            connection.Execute(SqlScripts.Get("signals/add_rule.sql"), new
            {
                rule_id = rule.Id,
                run_id = runId,
                severity = rule.Severity,
                risk_score = rule.RiskScore,
            }, tx);
        }
        connection.Execute(SqlScripts.Get("signals/targets.sql"), new { max_batch = maxBatch, now }, tx, commandTimeout: 0);
        var range = connection.QuerySingle<SignalRange>(SqlScripts.Get("signals/range.sql"), transaction: tx);
        if (range.Alerts > 0)
        {
            connection.Execute(SqlScripts.Get("signals/compute.sql"), new
            {
                range_start = range.RangeStart,
                range_end = range.RangeEnd,
                now,
            }, tx, commandTimeout: 0);
            connection.Execute(SqlScripts.Get("signals/severity.sql"), new { now }, tx, commandTimeout: 0);
        }
        // A retracted alert loses its signals.
        connection.Execute(SqlScripts.Get("signals/retracted.sql"), transaction: tx);
        connection.Execute(SqlScripts.Get("signals/save_state.sql"), new { max_batch = maxBatch, now }, tx);
        connection.Execute(SqlScripts.Get("signals/drop.sql"), transaction: tx);
        return range.Alerts;
    }
}
