using System.Data;
using System.Diagnostics;
using Dapper;
using DuckDetect.Core.Retention;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// Evaluates rules' hopping windows over a range of window ends, plus the windows that newly ingested events fall
/// into, and brings candidates and alerts in line, all in one transaction. Every rule's spans are read in one pass
/// over the events (Many rules, one pass): the event time they need is cut into slices that fit the run's memory,
/// each slice's inference calls are tallied once for every rule (TallyStages), and each rule's query reads the
/// tallies for its windows ending in the slice. C# picks the windows and binds parameters; DuckDB reads, aggregates,
/// suppresses and writes.
/// </summary>
[DapperAot]
public sealed class Detector(DuckDbSession session, IReadOnlyList<RuleDefinition> rules, IStatusSink status)
{
    public Detector(DuckDbSession session, RuleDefinition rule, IStatusSink status)
        : this(session, [rule], status)
    {
    }

    /// <summary>Runs every rule in one transaction; one summary per rule, in the rules' order.</summary>
    public IReadOnlyList<DetectSummary> RunAll(DetectRequest request) =>
        session.InTransaction(tx => RunAll(request, tx));

    /// <summary>The single rule's run (a detector made for one rule).</summary>
    public DetectSummary Run(DetectRequest request) => RunAll(request)[0];

    /// <summary>Runs within a transaction the caller commits (an exception change and its re-evaluation are one).</summary>
    public DetectSummary Run(DetectRequest request, IDbTransaction tx) => RunAll(request, tx)[0];

    public IReadOnlyList<DetectSummary> RunAll(DetectRequest request, IDbTransaction tx)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var connection = session.Connection;
        // DuckDB keeps microseconds: the run's timestamp must compare equal to what is stored.
        var now = new DateTime(request.Now.UtcTicks - (request.Now.UtcTicks % 10), DateTimeKind.Utc);
        var maxBatch = StepTrace.Step("detect: newest ingest batch",
            () => connection.ExecuteScalar<long?>(SqlScripts.Get("detect/newest_batch.sql"), transaction: tx)) ?? 0;
        connection.Execute(SqlScripts.Get("detect/window_ends_table.sql"), transaction: tx);
        ContentSignals.CreateMacros(connection, tx);
        var states = RuleRun.ReadStates(connection, tx);
        var horizon = PrunedHorizon.Read(connection, tx);
        var runs = rules.Select(rule => new RuleRun(connection, tx, rule, RuleCatalog.CheckSettings(rule, request.SettingsFor(rule)), request, maxBatch,
            states, horizon)).ToList();
        FindCandidates(runs, tx, request.SliceEvents, maxBatch);
        var checks = StepTrace.Step("detect: which rules have alerts to change", () => FinishChecks.Read(connection, tx, runs));
        var ids = RunRecords.NextIds(connection, tx, runs.Count);
        var summaries = runs.Select((r, i) => StepTrace.Step($"detect: {r.Rule.Name}: suppression, alerts, evidence",
            () => r.Finish(now, clock.Elapsed, ids[i], checks.GetValueOrDefault(r.Rule.Id)))).ToList();
        var invocationBatch = ContentSignals.NewestBatch(connection, tx);
        var threshold = runs.Select((r, i) => (r.Rule, RunId: ids[i])).Where(r => r.Rule.IsThreshold).ToList();
        StepTrace.Step("detect: content signals of the threshold rules' alerts",
            () => ContentSignals.Refresh(connection, tx, threshold, now, invocationBatch));
        StepTrace.Step("detect: rule state and run records", () =>
            RunRecords.Save(connection, tx, runs.Select((r, i) => r.Record(summaries[i])).ToList(), maxBatch, now));
        connection.Execute("DROP TABLE IF EXISTS detect_window_ends", transaction: tx);
        return summaries;
    }

    /// <summary>
    /// Every rule's candidates of every span, slice by slice of the event time they need (SlicedEvaluation): a slice's
    /// events are tallied once, then each rule's windows ending in the slice are evaluated from the tallies.
    /// </summary>
    private void FindCandidates(List<RuleRun> runs, IDbTransaction tx, long? sliceEvents, long maxBatch)
    {
        var work = runs.Where(r => r.Spans.Count > 0).Select(r =>
        {
            var replace = SqlText.Fill(SqlScripts.Get("detect/replace_candidates.sql"),
                new Dictionary<string, string> { ["rule"] = RuleText.Query(r.Rule, r.Settings) });
            return new SlicedRule(r.Rule, r.Settings, r.Spans, span => r.FindCandidates(replace, span));
        }).ToList();
        SlicedEvaluation.Run(session, tx, work, status, "detect", sliceEvents, maxBatch);
    }
}
