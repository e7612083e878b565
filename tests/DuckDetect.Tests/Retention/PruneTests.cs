using DuckDetect.Core;
using DuckDetect.Core.Retention;
using DuckDetect.Core.Triage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Retention;

/// <summary>prune --before T: events go, the analysts' alerts, evidence and decisions stay, and detection never
/// evaluates a window that pruning made incomplete.</summary>
public sealed class PruneTests : IDisposable
{
    private const string Other = "arn:aws:iam::111122223333:user/other";

    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private string Counts() => string.Join(' ', _f.Db.Query<long>(
        """
        SELECT count(*) FROM alerts UNION ALL SELECT count(*) FROM retracted_alerts UNION ALL SELECT count(*) FROM alert_events
        UNION ALL SELECT count(*) FROM alert_timeline UNION ALL SELECT count(*) FROM alert_triage
        UNION ALL SELECT count(*) FROM rule_exceptions UNION ALL SELECT count(*) FROM detection_candidates
        UNION ALL SELECT count(*) FROM ingested_files
        """));

    [Fact]
    public void Prune_KeepsAlertsEvidenceAndDecisions_AndDetectNeverEvaluatesAcrossTheHorizon()
    {
        Seed();
        _f.Detect(null, "2026-03-03T00:00:00Z");
        var alerts = _f.AlertFingerprints();
        Assert.Equal(2, alerts.Count);
        var evidence = _f.EvidenceFingerprints();
        using (var session = _f.Db.Open())
        {
            session.InTransaction(tx => TriageStore.Record(session.Connection,
                new TriageChange { AlertIds = [_f.Alerts()[0].AlertId], Status = "closed", By = "analyst" }, DateTimeOffset.UtcNow, tx));
        }
        _f.AddException("user_arn", "is", ["arn:aws:iam::111122223333:user/nobody"]);
        var before = Counts();

        var summary = Prune("2026-03-02T12:00:00Z");

        Assert.Equal(600, summary.EventsDeleted);
        Assert.Equal(600, _f.Db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(0, _f.Db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_time < '2026-03-02 12:00:00+00'"));
        Assert.Equal(before, Counts());
        Assert.Equal(alerts, _f.AlertFingerprints());
        Assert.Equal(evidence, _f.EvidenceFingerprints());
        Assert.Equal(T("2026-03-02T12:00:00Z").UtcDateTime, _f.Db.Scalar<DateTime>("SELECT pruned_before FROM rule_state"));

        // Across the horizon: refused, and the message names the first --from that is allowed.
        var refused = Assert.Throws<DuckDetectException>(() => _f.Detect("2026-03-02T12:00:00Z", "2026-03-03T00:00:00Z"));
        Assert.Equal(FailureKind.InvalidArguments, refused.Kind);
        Assert.Contains("give --from 2026-03-02T12:50:00Z or later", refused.Message, StringComparison.Ordinal);
        // From the first complete window on: the same alerts, nothing retracted.
        var rerun = _f.Detect("2026-03-02T12:50:00Z", "2026-03-03T00:00:00Z");
        Assert.Equal(0, rerun.AlertsRetracted + rerun.AlertsNew + rerun.AlertsUpdated);
        Assert.Equal(alerts, _f.AlertFingerprints());

        // Late events before the horizon never make detection evaluate an incomplete window.
        _f.Ingest(_f.Burst(600, T("2026-03-02T11:00:00Z"), TimeSpan.FromMinutes(50), As(Other)));
        var late = _f.Detect(null, "2026-03-03T00:10:00Z");
        Assert.Equal(0, late.LateWindows);
        Assert.Equal(alerts, _f.AlertFingerprints());
    }

    [Fact]
    public void Prune_EventsOfWindowsNotYetEvaluated_IsRefusedAndDeletesNothing()
    {
        Seed();
        _f.Detect(null, "2026-03-02T12:30:00Z");

        var refused = Assert.Throws<DuckDetectException>(() => Prune("2026-03-02T12:00:00Z"));

        Assert.Equal(FailureKind.InvalidArguments, refused.Kind);
        Assert.Contains("run detect first", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1200, _f.Db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(0, _f.Db.Scalar<long>("SELECT count(pruned_before) FROM rule_state"));
    }

    [Fact]
    public void Prune_WithCompact_GivesSpaceBackAndKeepsEverythingElse()
    {
        _f.Ingest(_f.Burst(20_000, T("2026-03-01T00:00:00Z"), TimeSpan.FromHours(24), e => e["eventName"] = "ListFoundationModels"));
        Seed();
        _f.Detect(null, "2026-03-03T00:00:00Z");
        var alerts = _f.AlertFingerprints();
        var runs = _f.Db.Scalar<long>("SELECT max(run_id) FROM detect_runs");

        var summary = Prune("2026-03-02T00:00:00Z", compact: true);

        Assert.Equal(20_000, summary.EventsDeleted);
        Assert.True(summary.BytesAfter < summary.BytesBefore, $"{summary.BytesBefore} -> {summary.BytesAfter}");
        Assert.Equal(new FileInfo(_f.Db.Path).Length, summary.BytesAfter);
        Assert.Equal(alerts, _f.AlertFingerprints());
        Assert.Equal(1200, _f.Db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(1, _f.Db.Scalar<long>("SELECT count(*) FROM prune_runs WHERE compacted"));
        // Sequences carry on in the new file.
        Assert.Equal(runs + 1, _f.Detect(null, "2026-03-03T00:10:00Z").RunId);
    }

    private PruneSummary Prune(string before, bool compact = false)
    {
        using var session = _f.Db.Open();
        return new Pruner(session, NullStatusSink.Instance).Run(T(before), compact, DateTimeOffset.UtcNow);
    }

    /// <summary>Two principals' probing: one before noon, one in the afternoon.</summary>
    private void Seed()
    {
        var events = _f.Burst(600, T("2026-03-02T09:00:00Z"), TimeSpan.FromMinutes(50));
        events.AddRange(_f.Burst(600, T("2026-03-02T15:00:00Z"), TimeSpan.FromMinutes(50), As(Other)));
        _f.Ingest(events);
    }

    private static Action<Dictionary<string, object?>> As(string arn) => e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = arn;

    public void Dispose() => _f.Dispose();
}
