using System.Data;
using Dapper;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Retention;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Detection;

/// <summary>
/// One rule's part of a detect run: which window ends it evaluates (its range since its checkpoint, and the windows
/// late ingest batches touched), in which spans; then, once every rule's candidates are in, its suppression, alerts,
/// evidence, state and run record. The candidates themselves are found for all rules together (Detector).
/// </summary>
[DapperAot]
internal sealed class RuleRun
{
    private readonly IDbConnection _connection;
    private readonly IDbTransaction _tx;
    private readonly RuleState? _state;
    private readonly DateTimeOffset? _from;
    private readonly DateTimeOffset _to;
    private readonly long _maxBatch;

    /// <param name="states">Every rule's checkpoint (ReadStates), read once for all rules of the run.</param>
    /// <param name="horizon">The pruned horizon (PrunedHorizon.Read), likewise.</param>
    public RuleRun(IDbConnection connection, IDbTransaction tx, RuleDefinition rule, RuleSettings settings, DetectRequest request, long maxBatch,
        IReadOnlyDictionary<string, RuleState> states, DateTimeOffset? horizon)
    {
        _connection = connection;
        _tx = tx;
        Rule = rule;
        Settings = settings;
        _maxBatch = maxBatch;
        _state = states.GetValueOrDefault(rule.Id);
        _to = settings.Floor(request.To ?? request.Now);
        _from = request.From is { } f ? settings.Floor(f) : DefaultFrom();
        if (request.From is not null && request.To is not null && request.From > request.To)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--from {request.From:yyyy-MM-ddTHH:mm:ssZ} is after --to {request.To:yyyy-MM-ddTHH:mm:ssZ}");
        }
        if (request.From is { } requested && horizon is { } pruned)
        {
            PrunedHorizon.CheckFrom(pruned, settings, requested);
        }
        SelectWindowEnds(horizon);
    }

    public RuleDefinition Rule { get; }

    public RuleSettings Settings { get; }

    /// <summary>The runs of consecutive window ends this rule evaluates, in time order.</summary>
    public IReadOnlyList<Span> Spans { get; private set; } = [];

    public long Windows => Spans.Sum(s => s.Windows);

    public long LateWindows { get; private set; }

    /// <summary>The width of the tally the rule reads: its own (tally_minutes), else its interval.</summary>
    public int TallyMinutes => Rule.TallyMinutesFor(Settings);

    private void SelectWindowEnds(DateTimeOffset? horizon)
    {
        var ruleId = Rule.Id;
        if (_from is { } rangeFrom && rangeFrom < _to)
        {
            _connection.Execute(SqlScripts.Get("detect/window_ends_range.sql"),
                new { rule_id = ruleId, range_from = rangeFrom.UtcDateTime, range_to = _to.UtcDateTime, interval_minutes = Settings.IntervalMinutes }, _tx);
        }
        foreach (var (source, lookback) in _state is not null && _maxBatch > _state.LastIngestBatch ? Rule.LateSources(Settings) : [])
        {
            _connection.Execute(SqlText.Fill(SqlScripts.Get("detect/window_ends_late.sql"), source.Fragments), new
            {
                rule_id = ruleId,
                last_batch = _state!.LastIngestBatch,
                max_batch = _maxBatch,
                checkpoint = _state.Checkpoint,
                interval_minutes = Settings.IntervalMinutes,
                window_minutes = Settings.WindowMinutes,
                lookback_minutes = lookback,
            }, _tx);
        }
        if (horizon is { } h)
        {
            // Never a window that pruning made incomplete (late events before the horizon, a rule new since).
            _connection.Execute("DELETE FROM detect_window_ends WHERE rule_id = $rule_id AND window_end < $first",
                new { rule_id = ruleId, first = PrunedHorizon.FirstCompleteEnd(h, Settings).UtcDateTime }, _tx);
        }
        if (Rule.History is { } history)
        {
            // The rule's hourly counts take in the ingest batches it has not seen yet (all of them on its first run).
            StepTrace.Step("detect: hourly counts", () => _connection.Execute(RuleText.Get(history.StateSql), new
            {
                rule_id = ruleId,
                last_batch = _state?.LastIngestBatch ?? 0,
                max_batch = _maxBatch,
            }, _tx, commandTimeout: 0));
        }
        if (Rule.NewTerms is not null)
        {
            // Likewise a new-terms rule's kept history: each term's last time per hour.
            StepTrace.Step("detect: new terms' kept hours", () => _connection.Execute(EventRuleSql.TermState(Rule),
                new { rule_id = ruleId, max_batch = _maxBatch }, _tx, commandTimeout: 0));
        }
        var ends = _connection.QuerySingleOrDefault<WindowEnds>(SqlScripts.Get("detect/window_ends_summary.sql"), new { rule_id = ruleId }, _tx);
        LateWindows = ends?.Late ?? 0;
        Spans = ends is null ? []
            : ends.Consecutive(Settings.IntervalMinutes) ? [new Span(ends.FirstEnd, ends.LastEnd, ends.Windows)]
            : StepTrace.Step("detect: spans", () => _connection.Query<Span>(SqlScripts.Get("detect/spans.sql"),
                new { rule_id = ruleId, interval_minutes = Settings.IntervalMinutes }, _tx).AsList());
    }

    /// <summary>Replaces the candidates of one span of this rule's window ends from the shared tallies, then marks the excepted ones.</summary>
    public void FindCandidates(string replaceSql, Span span)
    {
        StepTrace.Step("detect: candidates of a span", () => _connection.Execute(replaceSql,
            RuleSql.Parameters(Rule, Settings, span.FirstEnd, span.LastEnd), _tx, commandTimeout: 0));
        StepTrace.Step("detect: exceptions of a span", () => ExceptionStore.Apply(_connection, Rule.Id, span.FirstEnd, span.LastEnd, _tx));
    }

    /// <summary>
    /// Suppression, alerts and evidence, once the rule's candidates are all in; skipped when the
    /// <paramref name="check"/> says they have nothing to do (FinishChecks). The rule's state and the run's record are
    /// written for all rules at once (RunRecords, from <see cref="Record"/>).
    /// </summary>
    public DetectSummary Finish(DateTime now, TimeSpan elapsed, long runId, FinishCheck? check = null)
    {
        var counts = new AlertCounts(0, 0, 0, check?.Candidates ?? 0);
        if (Spans.Count > 0 && check is not { HasWork: false })
        {
            var alertParameters = new
            {
                rule_id = Rule.Id,
                rule_name = Rule.Name,
                severity = Rule.Severity,
                risk_score = Rule.RiskScore,
                duration_minutes = Settings.SuppressionMinutes,
                dirty_from = Spans[0].FirstEnd,
                run_id = runId,
                now,
            };
            StepTrace.Step("detect: suppress", () => _connection.Execute(RuleSql.Fill(Rule, "detect/suppress.sql"), alertParameters, _tx, commandTimeout: 0));
            StepTrace.Step("detect: apply alerts", () => _connection.Execute(RuleSql.Fill(Rule, "detect/apply_alerts.sql"), alertParameters, _tx, commandTimeout: 0));
            counts = StepTrace.Step("detect: alert counts", () => _connection.QuerySingle<AlertCounts>(SqlScripts.Get("detect/alert_counts.sql"), alertParameters, _tx));
            StepTrace.Step("detect: evidence", () => AlertEvidence.Refresh(_connection, Rule, Settings, Spans, runId, _maxBatch, _tx));
            _connection.Execute("DROP TABLE IF EXISTS recomputed_alerts; DROP TABLE IF EXISTS retracting;", transaction: _tx);
        }
        return new DetectSummary
        {
            RuleId = Rule.Id,
            RuleName = Rule.Name,
            RunId = runId,
            RunTime = now,
            RangeFrom = _from,
            RangeTo = _to,
            WindowsEvaluated = Windows,
            LateWindows = LateWindows,
            Spans = Spans.Count,
            Candidates = counts.Candidates,
            AlertsNew = counts.AlertsNew,
            AlertsUpdated = counts.AlertsUpdated,
            AlertsRetracted = counts.AlertsRetracted,
            Elapsed = elapsed,
        };
    }

    /// <summary>The run's row of detect_runs, and where its state moves (none on a database without events).</summary>
    public RunRecord Record(DetectSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new RunRecord(summary, Settings.ToString(),
            Spans.Count > 0 ? Spans[0].FirstEnd : null,
            Spans.Count > 0 ? Spans.Max(s => s.LastEnd) : null,
            _from is { } from ? (from < _to ? from : _to).UtcDateTime : null,
            _to.UtcDateTime);
    }

    /// <summary>
    /// Every rule's checkpoint (none before its first run), read once for all rules of a run. In a method of its own:
    /// Dapper.AOT left such a call unintercepted in the constructor, and the native build cannot run a Dapper call it
    /// did not generate.
    /// </summary>
    public static IReadOnlyDictionary<string, RuleState> ReadStates(IDbConnection connection, IDbTransaction tx) =>
        connection.Query<RuleStateRow>(
            "SELECT rule_id AS RuleId, checkpoint AS Checkpoint, last_ingest_batch AS LastIngestBatch FROM rule_state", transaction: tx)
            .ToDictionary(r => r.RuleId, r => new RuleState(r.Checkpoint, r.LastIngestBatch), StringComparer.Ordinal);

    /// <summary>Where the last run stopped, or on a new database the first event of its source (floored to the interval).</summary>
    private DateTimeOffset? DefaultFrom()
    {
        if (_state is not null)
        {
            return new DateTimeOffset(DateTime.SpecifyKind(_state.Checkpoint, DateTimeKind.Utc));
        }
        var first = _connection.ExecuteScalar<DateTime?>(SqlText.Fill(SqlScripts.Get("detect/first_time.sql"), Rule.ReadsFrom.Fragments), transaction: _tx);
        return first is { } t ? Settings.Floor(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : null;
    }
}
