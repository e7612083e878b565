using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>A backfill gives exactly the alerts that scheduled runs every 10 minutes give, with files arriving late.</summary>
public sealed class ScheduleTests
{
    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    [Fact]
    public void Detect_BackfillOverRange_EqualsRunEveryTenMinutesWithDelayedDelivery()
    {
        using var scheduled = new DetectionFixture();
        var events = Scenario(scheduled);
        // With exceptions in place (they are rule configuration): one model everywhere, one principal until 04:00.
        static void AddExceptions(DetectionFixture f)
        {
            f.AddException("model_id", "is", ["amazon.titan-text-express-v1"]);
            f.AddException("user_arn", "matches", ["arn:aws:iam::*:user/sustained"], T("2026-03-02T04:00:00Z"));
        }
        AddExceptions(scheduled);
        var random = new Random(20260302);
        // CloudTrail delivers an event 1 to 15 minutes after it happened, in 5-minute files.
        var files = events
            .GroupBy(e => Slot(DateTimeOffset.Parse((string)e["eventTime"]!, System.Globalization.CultureInfo.InvariantCulture)
                               + TimeSpan.FromSeconds(random.Next(60, 15 * 60))))
            .OrderBy(g => g.Key)
            .Select(g => (DeliveredAt: g.Key, Path: scheduled.Db.WriteInput($"delivery/{g.Key:yyyyMMddTHHmm}.ndjson", CloudTrailJson.Ndjson(g))))
            .ToList();

        var retracted = 0L;
        var lateWindows = 0L;
        var delivered = 0;
        for (var tick = T("2026-03-02T00:00:00Z"); tick <= T("2026-03-02T09:00:00Z"); tick += TimeSpan.FromMinutes(10))
        {
            var due = files.Skip(delivered).TakeWhile(f => f.DeliveredAt <= tick).Select(f => f.Path).ToArray();
            delivered += due.Length;
            if (due.Length > 0)
            {
                scheduled.IngestPaths(due);
            }
            var run = scheduled.Detect(null, tick, now: tick);
            retracted += run.AlertsRetracted;
            lateWindows += run.LateWindows;
        }
        Assert.Equal(files.Count, delivered);
        Assert.True(lateWindows > 20, $"late delivery should make runs re-evaluate windows, got {lateWindows}");

        using var backfill = new DetectionFixture();
        AddExceptions(backfill);
        backfill.IngestPaths(scheduled.Db.InputFolder);
        var summary = backfill.Detect(null, T("2026-03-02T09:00:00Z"));

        var expected = backfill.AlertFingerprints();
        Assert.Equal(1, summary.Spans);
        Assert.True(expected.Count >= 5, $"the scenario should raise several alerts, got {expected.Count}");
        Assert.Equal(expected, scheduled.AlertFingerprints());
        Assert.True(backfill.Db.Scalar<long>("SELECT count(exception_id) FROM detection_candidates") > 0);
        // The evidence and timelines the analyst database publishes are the same too.
        var evidence = backfill.EvidenceFingerprints();
        Assert.NotEmpty(evidence);
        Assert.Equal(evidence, scheduled.EvidenceFingerprints());
        // What the schedule raised early and later took back is on record, never silently gone.
        Assert.Equal(retracted, scheduled.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));
    }

    private static DateTimeOffset Slot(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero);

    private static List<Dictionary<string, object?>> Scenario(DetectionFixture f)
    {
        static Action<Dictionary<string, object?>> As(string arn, string? account = "111122223333", string? model = null) => e =>
        {
            var identity = (Dictionary<string, object?>)e["userIdentity"]!;
            identity["arn"] = arn;
            if (account is null)
            {
                identity.Remove("accountId");
                e.Remove("recipientAccountId");
            }
            if (model is not null)
            {
                e["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };
            }
        };
        var events = new List<Dictionary<string, object?>>();
        // Loud probing.
        events.AddRange(f.Burst(900, T("2026-03-02T01:10:00Z"), TimeSpan.FromMinutes(40), As("arn:aws:iam::111122223333:user/loud")));
        // Sustained probing for three hours.
        events.AddRange(f.Burst(1800, T("2026-03-02T02:00:00Z"), TimeSpan.FromHours(3), As("arn:aws:iam::111122223333:user/sustained")));
        // Paced just under the threshold all day: never alerts.
        events.AddRange(f.Burst(3840, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(8), As("arn:aws:iam::111122223333:user/paced")));
        // Two models of one principal, crossing at different times.
        events.AddRange(f.Burst(520, T("2026-03-02T03:00:00Z"), TimeSpan.FromMinutes(55), As("arn:aws:iam::111122223333:user/twomodels", model: "amazon.titan-text-express-v1")));
        events.AddRange(f.Burst(700, T("2026-03-02T03:20:00Z"), TimeSpan.FromMinutes(50), As("arn:aws:iam::111122223333:user/twomodels", model: "meta.llama3-70b-instruct-v1:0")));
        // No account at all.
        events.AddRange(f.Burst(520, T("2026-03-02T06:00:00Z"), TimeSpan.FromMinutes(55), As("arn:aws:sts::role/unaccounted", account: null)));
        // Background noise of many principals.
        for (var p = 0; p < 10; p++)
        {
            events.AddRange(f.Burst(300, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(8), As($"arn:aws:iam::111122223333:user/app{p}")));
        }
        return events;
    }
}
