using DuckDetect.Core;
using DuckDetect.Core.Exceptions;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>alert_events and alert_timeline: the counted events of each alert and its calls per bucket, kept by detect.</summary>
public sealed class EvidenceTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    private const string OtherModel = "amazon.titan-text-express-v1";

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private static DateTime U(string iso) => T(iso).UtcDateTime;

    [Fact]
    public void Detect_Alert_EvidenceHoldsExactlyTheCountedEventsOfItsWindows()
    {
        // 600 calls in [01:00, 01:50): the window ending 01:50 opens the alert with 600.
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        // Not counted: failed calls, another principal under the threshold, a non-inference call of the principal.
        _f.Ingest(_f.Burst(50, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(10), e => e["errorCode"] = "ThrottlingException"));
        _f.Ingest(_f.Burst(40, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(10),
            e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = "arn:aws:iam::111122223333:user/quiet"));
        _f.Ingest(_f.Burst(30, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(10), e => e["eventName"] = "ListFoundationModels"));
        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal((600L, U("2026-03-02T01:50:00Z")), (alert.Count, alert.WindowEnd));
        // Every counted event of its windows [00:50, suppression_end) is there, nothing else.
        Assert.Equal(600L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = alert.AlertId }));
        Assert.Equal(600L, _f.Db.Scalar<long>("SELECT count(DISTINCT event_id) FROM alert_events"));
        Assert.Equal(0L, _f.Db.Scalar<long>(
            "SELECT count(*) FROM alert_events WHERE user_arn <> $arn OR event_name <> 'InvokeModel' OR model_id <> $model",
            new { arn = DetectionFixture.Arn, model = DetectionFixture.Model }));
        Assert.Equal(alert.Count, _f.Db.Scalar<long>(
            "SELECT count(*) FROM alert_events WHERE event_time >= $start AND event_time < $end",
            new { start = alert.WindowStart, end = alert.WindowEnd }));
    }

    [Fact]
    public void Detect_Alert_TimelineSpansAnHourEitherSideWithWindowCallsAgainstTheThreshold()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T04:00:00Z");
        var alert = Assert.Single(_f.Alerts());

        var buckets = _f.Db.Query<(DateTime Start, DateTime End, long Calls, long WindowCalls, bool InAlert)>(
            "SELECT bucket_start, bucket_end, calls, window_calls, in_alert FROM alert_timeline WHERE alert_id = $id ORDER BY bucket_start",
            new { id = alert.AlertId });

        // From an hour before the opening window (00:50 - 1 h) to an hour after suppression_end, every bucket.
        Assert.Equal(alert.WindowStart.AddHours(-1), buckets[0].Start);
        Assert.Equal(alert.SuppressionEnd.AddHours(1), buckets[^1].End);
        Assert.Equal((int)(alert.SuppressionEnd.AddHours(1) - alert.WindowStart.AddHours(-1)).TotalMinutes / 10, buckets.Count);
        Assert.Equal(600L, buckets.Sum(b => b.Calls));
        Assert.All(buckets, b => Assert.Equal(b.Start.AddMinutes(10), b.End));
        Assert.Contains(buckets, b => b.Calls == 0);
        // The window ending with a bucket is what the threshold saw: 600 at the opening window's end.
        Assert.Equal(alert.Count, buckets.Single(b => b.End == alert.WindowEnd).WindowCalls);
        Assert.Equal(0L, buckets.Single(b => b.End == U("2026-03-02T01:00:00Z")).WindowCalls);
        Assert.All(buckets, b => Assert.Equal(b.Start >= alert.WindowStart && b.Start < alert.SuppressionEnd, b.InAlert));
    }

    [Fact]
    public void Detect_AlertFoldingASecondModel_TimelineAndEvidenceCoverBothModels()
    {
        DetectAlertOnTwoModels();

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(new[] { OtherModel, DetectionFixture.Model }.Order(),
            _f.Db.Query<string>("SELECT DISTINCT model_id FROM alert_timeline ORDER BY 1"));
        Assert.Equal(1150L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = alert.AlertId }));
    }

    [Fact]
    public void Detect_RetractedAlert_LosesItsEvidenceAndTheNewAlertGetsIts()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T05:00:00Z");
        var original = Assert.Single(_f.Alerts());

        _f.Ingest(_f.Burst(600, T("2026-03-02T01:20:00Z"), TimeSpan.FromMinutes(40)));
        _f.Detect(null, "2026-03-02T05:00:00Z");

        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = original.AlertId }));
        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_timeline WHERE alert_id = $id", new { id = original.AlertId }));
        var alerts = _f.Alerts();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, a => Assert.True(
            _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = a.AlertId }) >= a.Count));
    }

    [Fact]
    public void Detect_EventsArrivingAfterTheAlert_FillItsTimelineTail()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T02:00:00Z");
        var alert = Assert.Single(_f.Alerts());
        // Twenty calls in the hour after the alert, evaluated by later scheduled runs.
        _f.Ingest(_f.Burst(20, T("2026-03-02T02:10:00Z"), TimeSpan.FromMinutes(20)));
        _f.Detect(null, "2026-03-02T04:00:00Z");

        Assert.Equal(620L, _f.Db.Scalar<long>("SELECT sum(calls)::BIGINT FROM alert_timeline WHERE alert_id = $id", new { id = alert.AlertId }));
    }

    /// <summary>
    /// An alert gathered again by a later run that only adds counted events keeps the rows it had, with the run that
    /// wrote them, and gains the new ones with the later run; the evidence equals a backfill's.
    /// </summary>
    [Fact]
    public void Detect_AlertExtendedByLaterRuns_KeepsItsRowsAndAddsTheNewOnes()
    {
        var first = T("2026-03-02T01:00:00Z");
        _f.Ingest(_f.Burst(600, first, TimeSpan.FromMinutes(50)));
        _f.Detect(null, "2026-03-02T02:00:00Z");
        var alert = Assert.Single(_f.Alerts());
        var opened = _f.Db.Scalar<long>("SELECT max(run_id) FROM detect_runs");
        // A hundred calls in [02:00, 02:20) keep the window ending 02:10 over the threshold (530): fifty of them are counted.
        _f.Ingest(_f.Burst(100, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(20)));
        _f.Detect(null, "2026-03-02T04:00:00Z");
        var extended = _f.Db.Scalar<long>("SELECT max(run_id) FROM detect_runs");

        Assert.Equal(U("2026-03-02T02:10:00Z"), Assert.Single(_f.Alerts()).SuppressionEnd);
        Assert.Equal([(opened, 600L), (extended, 50L)], _f.Db.Query<(long, long)>(
            "SELECT detect_run_id, count(*) FROM alert_events WHERE alert_id = $id GROUP BY 1 ORDER BY 1", new { id = alert.AlertId }));
        Assert.Equal(0L, _f.Db.Scalar<long>(
            "SELECT count(*) - count(DISTINCT event_id) FROM alert_events WHERE alert_id = $id", new { id = alert.AlertId }));
        Assert.Equal(_f.EvidenceFingerprints(), Backfilled(f =>
        {
            f.Ingest(f.Burst(600, first, TimeSpan.FromMinutes(50)));
            f.Ingest(f.Burst(100, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(20)));
        }, "2026-03-02T04:00:00Z"));
    }

    /// <summary>
    /// An alert gathered again with fewer counted events (an exception drops one of its models) is written again
    /// whole: the dropped rows go and every row it keeps carries the later run.
    /// </summary>
    [Fact]
    public void Detect_AlertLosingCountedEvents_IsWrittenAgainWhole()
    {
        DetectAlertOnTwoModels();
        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(1150L, _f.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE alert_id = $id", new { id = alert.AlertId }));

        _f.AddException("model_id", "is", [OtherModel]);
        using (var session = _f.Db.Open())
        {
            session.InTransaction(tx => ExceptionReevaluation.Run(session, _f.Rule, T("2026-03-02T00:00:00Z"), NullStatusSink.Instance, tx));
        }
        var again = _f.Db.Scalar<long>("SELECT max(run_id) FROM detect_runs");

        Assert.Equal(alert.AlertId, Assert.Single(_f.Alerts()).AlertId);
        Assert.Equal([(again, 600L)], _f.Db.Query<(long, long)>(
            "SELECT detect_run_id, count(*) FROM alert_events WHERE alert_id = $id GROUP BY 1", new { id = alert.AlertId }));
        Assert.Equal([DetectionFixture.Model], _f.Db.Query<string>("SELECT DISTINCT model_id FROM alert_events"));
    }

    /// <summary>600 calls on the fixture's model and 550 on another within the hour, detected up to 04:00: one alert of both.</summary>
    private void DetectAlertOnTwoModels()
    {
        _f.Ingest(_f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.Ingest(_f.Burst(550, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(50),
            e => e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = OtherModel }));
        _f.Detect(null, "2026-03-02T04:00:00Z");
    }

    /// <summary>The evidence fingerprints of a fresh database loaded by <paramref name="load"/> and detected in one run.</summary>
    private static List<string> Backfilled(Action<DetectionFixture> load, string to)
    {
        using var backfill = new DetectionFixture();
        load(backfill);
        backfill.Detect(null, to);
        return backfill.EvidenceFingerprints();
    }

    public void Dispose() => _f.Dispose();
}
