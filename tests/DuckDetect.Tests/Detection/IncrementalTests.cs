using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>Idempotence, late data, retraction and rule state: the order of ingest and detect never changes the alerts.</summary>
public sealed class IncrementalTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    private static DateTime U(string iso) => T(iso).UtcDateTime;

    [Fact]
    public void Detect_SameRangeAgainWithoutNewEvents_ChangesNothing()
    {
        _f.Ingest(_f.Burst(1800, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3)));
        _f.Detect("2026-03-01T23:00:00Z", "2026-03-02T06:00:00Z", now: "2026-03-02T06:00:00Z");
        var before = _f.Alerts();

        var again = _f.Detect("2026-03-01T23:00:00Z", "2026-03-02T06:00:00Z", now: "2026-03-02T07:00:00Z");
        var scheduled = _f.Detect(null, "2026-03-02T06:10:00Z", now: "2026-03-02T07:10:00Z");

        Assert.Equal((0L, 0L, 0L), (again.AlertsNew, again.AlertsUpdated, again.AlertsRetracted));
        Assert.Equal((0L, 0L, 0L), (scheduled.AlertsNew, scheduled.AlertsUpdated, scheduled.AlertsRetracted));
        Assert.Equal(before, _f.Alerts());
        Assert.Equal(0L, _f.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));
    }

    [Fact]
    public void Detect_LateFileIntoEvaluatedWindows_ReevaluatesThemAndMatchesBackfill()
    {
        var early = _f.Burst(300, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(30));
        var late = _f.Burst(300, T("2026-03-02T01:30:00Z"), TimeSpan.FromMinutes(30));
        _f.Ingest(early);
        var first = _f.Detect(null, "2026-03-02T03:00:00Z");
        Assert.Empty(_f.Alerts());

        _f.Ingest(late);
        var second = _f.Detect(null, "2026-03-02T03:00:00Z");

        Assert.Equal(0, second.WindowsEvaluated - second.LateWindows);
        Assert.True(second.LateWindows >= 6, $"late windows: {second.LateWindows}");
        Assert.Equal(1, second.AlertsNew);
        // [00:50, 01:50) holds the 300 early calls and the first 200 late ones.
        Assert.Equal(U("2026-03-02T01:50:00Z"), Assert.Single(_f.Alerts()).WindowEnd);
        Assert.Equal(Backfill([.. early, .. late], "2026-03-02T03:00:00Z"), _f.AlertFingerprints());
        Assert.True(first.WindowsEvaluated > 0);
    }

    [Fact]
    public void Detect_LateFileWithEarlierProbing_RetractsTheAlertItNowSuppresses()
    {
        var later = _f.Burst(600, T("2026-03-02T02:00:00Z"), TimeSpan.FromMinutes(50));
        var earlier = _f.Burst(600, T("2026-03-02T01:20:00Z"), TimeSpan.FromMinutes(40));
        _f.Ingest(later);
        _f.Detect(null, "2026-03-02T05:00:00Z");
        var original = Assert.Single(_f.Alerts());
        Assert.Equal(U("2026-03-02T02:50:00Z"), original.SuppressionStart);

        _f.Ingest(earlier);
        var rerun = _f.Detect(null, "2026-03-02T05:00:00Z");

        Assert.Equal(1, rerun.AlertsRetracted);
        Assert.Equal([U("2026-03-02T02:00:00Z"), U("2026-03-02T03:00:00Z")], _f.Alerts().Select(a => a.SuppressionStart).ToArray());
        var retracted = _f.Db.Query<(string AlertId, string Reason, long RunId)>(
            "SELECT alert_id, retraction_reason, detect_run_id FROM retracted_alerts");
        var row = Assert.Single(retracted);
        Assert.Equal(original.AlertId, row.AlertId);
        Assert.Contains("earlier window", row.Reason, StringComparison.Ordinal);
        Assert.Equal(rerun.RunId, row.RunId);
        Assert.Equal(Backfill([.. later, .. earlier], "2026-03-02T05:00:00Z"), _f.AlertFingerprints());
    }

    [Fact]
    public void Detect_LateFileExtendingAnAlert_UpdatesItInPlace()
    {
        var first = _f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50));
        _f.Ingest(first);
        _f.Detect(null, "2026-03-02T04:00:00Z", now: "2026-03-02T04:00:00Z");
        var before = Assert.Single(_f.Alerts());

        _f.Ingest(_f.Burst(100, T("2026-03-02T01:50:00Z"), TimeSpan.FromMinutes(10)));
        var rerun = _f.Detect(null, "2026-03-02T04:00:00Z", now: "2026-03-02T04:10:00Z");

        var after = Assert.Single(_f.Alerts());
        Assert.Equal((0L, 1L, 0L), (rerun.AlertsNew, rerun.AlertsUpdated, rerun.AlertsRetracted));
        Assert.Equal(before.AlertId, after.AlertId);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
        Assert.Equal(U("2026-03-02T04:10:00Z"), after.UpdatedAt);
        Assert.True(after.SuppressedCount > before.SuppressedCount);
    }

    [Fact]
    public void Detect_RecordsCheckpointAndRunHistory()
    {
        _f.Ingest(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        var run = _f.Detect(null, "2026-03-02T04:00:00Z");

        var state = _f.Db.Query<(DateTime Checkpoint, long LastBatch)>(
            "SELECT checkpoint, last_ingest_batch FROM rule_state WHERE rule_id = $id", new { id = _f.Rule.Id });
        Assert.Equal(U("2026-03-02T04:00:00Z"), Assert.Single(state).Checkpoint);
        Assert.Equal(_f.Db.Scalar<long>("SELECT max(ingest_batch) FROM cloudtrail_events"), state[0].LastBatch);
        var history = _f.Db.Query<(DateTime From, DateTime To, long Windows, long New, long Duration)>(
            "SELECT range_from, range_to, windows_evaluated, alerts_new, duration_ms FROM detect_runs");
        var h = Assert.Single(history);
        Assert.Equal(U("2026-03-02T01:00:00Z"), h.From);
        Assert.Equal(U("2026-03-02T04:00:00Z"), h.To);
        Assert.Equal(18, h.Windows);
        Assert.Equal(1, h.New);
        Assert.Equal(run.RunId, _f.Db.Scalar<long>("SELECT max(run_id) FROM detect_runs"));

        // Without --from the next run continues from the checkpoint: one new window.
        var next = _f.Detect(null, "2026-03-02T04:10:00Z");
        Assert.Equal(1, next.WindowsEvaluated);
    }

    [Fact]
    public void Detect_BackfillIsOneQueryPerContiguousRange()
    {
        _f.Ingest(_f.Burst(2000, T("2026-03-02T00:00:00Z"), TimeSpan.FromDays(10)));

        var summary = _f.Detect("2026-03-01T00:00:00Z", "2026-06-01T00:00:00Z");

        Assert.Equal(1, summary.Spans);
        Assert.Equal(92 * 144, summary.WindowsEvaluated);
    }

    [Fact]
    public void Detect_LateWindowsApartFromTheNewRange_AreASpanOfTheirOwn()
    {
        var early = _f.Burst(600, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(30));
        _f.Ingest(_f.Burst(10, T("2026-03-02T05:00:00Z"), TimeSpan.FromMinutes(5)));
        _f.Detect(null, "2026-03-02T06:00:00Z");

        _f.Ingest(early);
        var run = _f.Detect(null, "2026-03-02T06:10:00Z");

        // The late events (01:00-01:30, buckets 01:00 to 01:20) fall into the windows ending 01:10 .. 02:20: 8 late
        // windows, then the new window 06:10, with a gap between: two spans.
        Assert.Equal(2, run.Spans);
        Assert.Equal(8, run.LateWindows);
        Assert.Equal(9, run.WindowsEvaluated);
        Assert.Equal(1, run.AlertsNew);
        Assert.Equal(Backfill([.. early, .. _f.Burst(10, T("2026-03-02T05:00:00Z"), TimeSpan.FromMinutes(5))], "2026-03-02T06:10:00Z"),
            _f.AlertFingerprints());
    }

    [Fact]
    public void Detect_TunedSettings_ChangeTheResult()
    {
        _f.Ingest(_f.Burst(300, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        _f.Detect(null, "2026-03-02T04:00:00Z", new RuleSettings(300, 60, 10, 60));

        Assert.Equal(300, Assert.Single(_f.Alerts()).Count);
    }

    /// <summary>The alerts a clean database gives for these events, detected in one go.</summary>
    private static List<string> Backfill(IEnumerable<Dictionary<string, object?>> events, string to)
    {
        using var clean = new DetectionFixture();
        clean.Ingest(events);
        clean.Detect(null, to);
        return clean.AlertFingerprints();
    }

    public void Dispose() => _f.Dispose();
}
