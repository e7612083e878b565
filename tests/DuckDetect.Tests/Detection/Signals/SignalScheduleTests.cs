using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Detection.Signals.SignalKit;

namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// Content signals keep detection's guarantees: invocation logs arriving late update the alerts whose span or
/// baseline they fall in, a re-run changes nothing, a backfill gives the signals and verdicts the scheduled runs
/// gave, and a what-if run computes them alike in its own file.
/// </summary>
public sealed class SignalScheduleTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static List<InvocationCall> Repetitive(DateTimeOffset start) =>
        Calls(40, (i, c) => c with { Prompt = DiversePrompt(i % 4), Output = "the same answer", OutputTokens = 300 }, start);

    private long Changes() => _f.Db.Scalar<long>("SELECT count(*) FROM alert_changes");

    [Fact]
    public void LateInvocations_UpdateTheAlertsSignalsAndSeverity_AndARerunChangesNothing()
    {
        Burst(_f);
        _f.Detect(null, DetectTo.ToString("O"));
        Assert.Null(SignalKit.Signals(_f)["probing_pattern"]);
        Assert.Equal(1, Changes());

        // The invocation logs of the alert's calls arrive after it was raised.
        Invocations(_f, Repetitive(BurstStart));
        _f.Detect(null, DetectTo.ToString("O"));

        var s = SignalKit.Signals(_f);
        Assert.Equal(("40", "true"), (s["invocations"], s["probing_pattern"]));
        Assert.Equal(("high", 73), Severity(_f));
        Assert.Equal(["created", "updated"], _f.Db.Query<string>("SELECT change FROM alert_changes ORDER BY change_seq"));
        var run = s["detect_run_id"];

        // Nothing new: neither the signals nor the alert change.
        _f.Detect(null, DetectTo.ToString("O"));
        Assert.Equal(run, SignalKit.Signals(_f)["detect_run_id"]);
        Assert.Equal(2, Changes());

        // The principal's history arrives later still, and it was as repetitive: the verdict and the raise go.
        Invocations(_f, Repetitive(BurstStart.AddDays(-3)));
        _f.Detect(null, DetectTo.ToString("O"));
        Assert.Equal("false", SignalKit.Signals(_f)["probing_pattern"]);
        Assert.Equal(("medium", 47), Severity(_f));
        Assert.Equal(3, Changes());
    }

    [Fact]
    public void InvocationsOutsideEveryAlertsSpanAndBaseline_RecomputeNothing()
    {
        Burst(_f);
        Invocations(_f, Repetitive(BurstStart));
        _f.Detect(null, DetectTo.ToString("O"));
        var run = SignalKit.Signals(_f)["detect_run_id"];

        Invocations(_f, Repetitive(BurstStart.AddHours(3)));
        Invocations(_f, Calls(40, (i, c) => c with { Prompt = "x", Principal = "arn:aws:iam::111122223333:user/someone-else" }));
        _f.Detect(null, DetectTo.ToString("O"));

        Assert.Equal(run, SignalKit.Signals(_f)["detect_run_id"]);
    }

    [Fact]
    public void Backfill_GivesTheSignalsAndVerdictsOfTheScheduledRuns()
    {
        // Scheduled: CloudTrail every 10 minutes, detect after each delivery; the alert's invocations in two parts
        // (one before the alert opens, one after), the principal's history last of all.
        var events = _f.Burst(600, BurstStart, TimeSpan.FromHours(1));
        var span = Repetitive(BurstStart);
        var history = Repetitive(BurstStart.AddDays(-5));
        using var backfill = new DetectionFixture();
        for (var step = 1; step <= 12; step++)
        {
            var end = BurstStart.AddMinutes(10 * step);
            var due = events.Where(e => DetectionFixture.At((string)e["eventTime"]!) < end && DetectionFixture.At((string)e["eventTime"]!) >= end.AddMinutes(-10)).ToList();
            if (due.Count > 0)
            {
                _f.Ingest(due);
            }
            if (step == 3)
            {
                Invocations(_f, span.Take(20));
            }
            if (step == 9)
            {
                Invocations(_f, span.Skip(20));
            }
            _f.Detect(null, end.ToString("O"), now: end.ToString("O"));
        }
        Assert.Equal("[repetitive]", SignalKit.Signals(_f)["probing_criteria"]);
        Assert.Equal(("high", 73), Severity(_f));
        Invocations(_f, history);
        _f.Detect(null, DetectTo.ToString("O"), now: DetectTo.ToString("O"));

        backfill.Ingest(events);
        Invocations(backfill, history.Concat(span));
        backfill.Detect(null, DetectTo.ToString("O"));

        Assert.Equal(("medium", 47), Severity(backfill));
        Assert.Equal(backfill.AlertFingerprints(), _f.AlertFingerprints());
        Assert.Equal(Fingerprints(backfill), Fingerprints(_f));
    }

    [Fact]
    public void WhatIf_ComputesTheSignalsFromProductionsInvocations()
    {
        Burst(_f);
        Invocations(_f, Repetitive(BurstStart));
        _f.Detect(null, DetectTo.ToString("O"));

        var path = Path.Combine(_f.Db.Folder, "what-if.duckdb");
        var settings = _f.Rule.Settings with { Threshold = 400 };
        using (var whatIf = WhatIfDatabase.Open(path, _f.Db.Path, [(_f.Rule, settings)], WhatIfExceptions.None, TimeSpan.Zero))
        {
            new Detector(whatIf, _f.Rule, NullStatusSink.Instance).Run(new DetectRequest { To = DetectTo, Settings = settings });
            var row = whatIf.Connection.QuerySingle<(string Criteria, bool Verdict, string Severity)>(
                "SELECT CAST(probing_criteria AS VARCHAR), probing_pattern, a.severity FROM alert_content_signals JOIN alerts a USING (alert_id)");
            Assert.Equal(("[repetitive]", true, "high"), row);
        }
        // Production is as it was.
        Assert.Single(_f.Db.Query<string>("SELECT alert_id FROM alert_content_signals"));
    }
}
