using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>The threshold, window edges and the grid of 10-minute window ends.</summary>
public sealed class WindowTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    [Fact]
    public void Detect_ExactlyThresholdCalls_RaisesAlert()
    {
        _f.Ingest(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(500, alert.Count);
        Assert.Equal(T("2026-03-02T01:50:00Z").UtcDateTime, alert.WindowEnd);
        Assert.Equal(T("2026-03-02T00:50:00Z").UtcDateTime, alert.WindowStart);
        Assert.Equal(T("2026-03-02T01:00:00Z").UtcDateTime, alert.FirstSeen);
        Assert.Equal(T("2026-03-02T01:49:54Z").UtcDateTime, alert.LastSeen);
        // The windows ending 01:50 and 02:00 both hold all 500 calls: the second folds into the alert.
        Assert.Equal(1, alert.SuppressedCount);
        Assert.Equal(T("2026-03-02T02:00:00Z").UtcDateTime, alert.SuppressionEnd);
    }

    [Fact]
    public void Detect_OneBelowThreshold_RaisesNothing()
    {
        _f.Ingest(_f.Burst(499, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        var summary = _f.Detect(null, "2026-03-02T04:00:00Z");

        Assert.Empty(_f.Alerts());
        Assert.Equal(0, summary.Candidates);
    }

    [Fact]
    public void Detect_EventExactlyOnWindowStart_CountsInThatWindow()
    {
        // 499 calls in [01:50, 02:00) and one at 01:00:00.000: only the window [01:00, 02:00) holds 500.
        var events = _f.Burst(499, T("2026-03-02T01:50:00Z"), TimeSpan.FromMinutes(10));
        events.AddRange(_f.Burst(1, T("2026-03-02T01:00:00Z"), TimeSpan.Zero));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(T("2026-03-02T02:00:00Z").UtcDateTime, alert.WindowEnd);
        Assert.Equal(0, alert.SuppressedCount);
    }

    [Fact]
    public void Detect_EventExactlyOnWindowEnd_BelongsToTheNextWindow()
    {
        // 499 calls in [01:50, 02:00) and one at 02:00:00: the window ending 02:00 holds 499, the one ending 02:10 holds 500.
        var events = _f.Burst(499, T("2026-03-02T01:50:00Z"), TimeSpan.FromMinutes(10));
        events.AddRange(_f.Burst(1, T("2026-03-02T02:00:00Z"), TimeSpan.Zero));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(T("2026-03-02T02:10:00Z").UtcDateTime, alert.WindowEnd);
        Assert.Equal(500, alert.Count);
    }

    [Fact]
    public void Detect_BurstAcrossMidnight_IsOneWindow()
    {
        var events = _f.Burst(250, T("2026-03-01T23:40:00Z"), TimeSpan.FromMinutes(20));
        events.AddRange(_f.Burst(250, T("2026-03-02T00:00:00Z"), TimeSpan.FromMinutes(20)));
        _f.Ingest(events);

        _f.Detect(null, "2026-03-02T04:00:00Z");

        var alert = Assert.Single(_f.Alerts());
        Assert.Equal(T("2026-03-02T00:20:00Z").UtcDateTime, alert.WindowEnd);
        Assert.Equal(T("2026-03-02T00:40:00Z").UtcDateTime, alert.SuppressionEnd);
        Assert.Equal(2, alert.SuppressedCount);
        Assert.Equal(500, alert.Count);
    }

    [Fact]
    public void Detect_WindowsEndOnTheIntervalGridAndRangeIsHalfOpen()
    {
        _f.Ingest(_f.Burst(500, T("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));

        // from < E <= to: a range ending at 01:50 includes that window; one starting there excludes it.
        var first = _f.Detect("2026-03-02T01:00:00Z", "2026-03-02T01:50:00Z");
        Assert.Equal(5, first.WindowsEvaluated);
        Assert.Equal(T("2026-03-02T01:50:00Z").UtcDateTime, Assert.Single(_f.Alerts()).WindowEnd);
        Assert.Equal(0, Assert.Single(_f.Alerts()).SuppressedCount);

        var second = _f.Detect("2026-03-02T01:50:00Z", "2026-03-02T02:03:00Z");
        Assert.Equal(1, second.WindowsEvaluated);
        Assert.Equal(1, Assert.Single(_f.Alerts()).SuppressedCount);
    }

    public void Dispose() => _f.Dispose();
}
