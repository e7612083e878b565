using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;
using DuckDetect.Core.Tuning;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Tuning;

/// <summary>tune applies the rule's active exceptions and the pruned horizon as detect does.</summary>
public sealed class TuneTests : IDisposable
{
    private const string EvalArn = "arn:aws:sts::111122223333:assumed-role/eval/session";
    private const string PacedArn = "arn:aws:sts::111122223333:assumed-role/paced/session";
    private static readonly DateTimeOffset To = DetectionFixture.At("2026-03-03T00:00:00Z");
    private readonly DetectionFixture _fx = new();

    [Fact]
    public void Tune_WithAnException_ExceptsItsCandidatesAsWhatIfDoes()
    {
        var start = DetectionFixture.At("2026-03-02T02:00:00Z");
        _fx.Ingest([
            .. _fx.Burst(600, start, TimeSpan.FromMinutes(50)),
            .. _fx.Burst(700, start, TimeSpan.FromMinutes(50), e =>
            {
                ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = EvalArn;
                e["userAgent"] = "eval-harness/1.0";
            }),
            .. _fx.Burst(300, start, TimeSpan.FromMinutes(50), e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = PacedArn),
        ]);
        using (var session = _fx.Db.Open())
        {
            session.Connection.Execute(
                """
                INSERT INTO rule_exceptions VALUES (1, $rule, 'user_agent', 'is', ['eval-harness/1.0'], ['eval-harness/1.0'], 'the evaluation harness',
                    NULL, 'bo', TIMESTAMPTZ '2026-03-01 00:00:00+00', NULL, NULL, NULL)
                """, new { rule = _fx.Rule.Id });
        }
        long[] thresholds = [250, 500, 650];

        JsonObject tuned;
        using (var session = DuckDbSession.Open(_fx.Db.Path, readOnly: true))
        {
            tuned = Tuner.Run(session, _fx.Rule, new TuneRequest { To = To, Thresholds = thresholds });
        }

        var levels = tuned["thresholds"]!.AsArray().ToDictionary(l => (long)l!["threshold"]!, l => (long)l!["alerts"]!);
        Assert.Equal(new Dictionary<long, long> { [250] = 2, [500] = 1, [650] = 0 }, levels);
        Assert.True((long)tuned["candidates_excepted"]! > 0);
        Assert.DoesNotContain(EvalArn, tuned.ToJsonString(), StringComparison.Ordinal);
        foreach (var threshold in thresholds)
        {
            var settings = _fx.Rule.Settings with { Threshold = threshold };
            using var whatIf = WhatIfDatabase.Open(Path.Combine(_fx.Db.Folder, $"what-if-{threshold}.duckdb"), _fx.Db.Path, [(_fx.Rule, settings)], WhatIfExceptions.None, TimeSpan.Zero);
            new Detector(whatIf, _fx.Rule, NullStatusSink.Instance).Run(new DetectRequest { To = To, Settings = settings });
            Assert.Equal(levels[threshold], whatIf.Connection.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        }
    }

    [Fact]
    public void Tune_AfterAPrune_OnlyTheWindowsAfterTheHorizon()
    {
        _fx.Ingest([
            .. _fx.Burst(600, DetectionFixture.At("2026-03-01T02:00:00Z"), TimeSpan.FromMinutes(50)),
            .. _fx.Burst(1, DetectionFixture.At("2026-03-02T00:05:00Z"), TimeSpan.FromMinutes(1)),
            .. _fx.Burst(600, DetectionFixture.At("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(50)),
        ]);
        _fx.Detect(null, To);
        using (var session = _fx.Db.Open())
        {
            // The seed rule's detection is what this prunes around; prune waits for the enabled rules only.
            foreach (var other in RuleCatalog.All.Where(r => r.Id != _fx.Rule.Id))
            {
                RuleStatus.Set(session, other.Id, enabled: false, DateTimeOffset.UtcNow);
            }
            new DuckDetect.Core.Retention.Pruner(session, NullStatusSink.Instance).Run(DetectionFixture.At("2026-03-02T00:00:00Z"), compact: false, DateTimeOffset.UtcNow);
        }

        using var readOnly = DuckDbSession.Open(_fx.Db.Path, readOnly: true);
        var tuned = Tuner.Run(readOnly, _fx.Rule, new TuneRequest { To = To, Thresholds = [500] });
        var early = Assert.Throws<DuckDetectException>(() =>
            Tuner.Run(readOnly, _fx.Rule, new TuneRequest { From = DetectionFixture.At("2026-03-02T00:00:00Z"), To = To, Thresholds = [500] }));

        // the first event is at 00:05, after the horizon, but the first complete window ends an hour after the horizon
        Assert.Equal("2026-03-02T00:50:00Z", (string?)tuned["from"]);
        Assert.Equal(1, (long)tuned["thresholds"]!.AsArray().Single()!["alerts"]!);
        Assert.Equal(FailureKind.InvalidArguments, early.Kind);
    }

    public void Dispose() => _fx.Dispose();
}
