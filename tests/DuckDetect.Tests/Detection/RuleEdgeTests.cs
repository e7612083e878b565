using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Support.EventShape;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// Each newer rule's conditions at their edges, with its defined settings: one database per rule holds every case as
/// a group of its own (its own principal or source IP), so one detect decides them all.
/// </summary>
public sealed class RuleEdgeTests
{
    private const string Distributed = "ad077b94-32a3-470b-82cf-05975564baa9";
    private const string LowAndSlow = "103f83b8-f5d2-4d42-9fcb-ecb7900e1c56";
    private const string Baseline = "1934bd11-f476-48cd-a252-1ccf6ad54042";

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    /// <summary>Principals from one source IP, each with its calls, over 40 minutes.</summary>
    private static IEnumerable<Dictionary<string, object?>> FromIp(DetectionFixture f, string ip, params int[] calls) =>
        calls.SelectMany((n, i) => f.Burst(n, T("2026-03-02T01:05:00Z"), TimeSpan.FromMinutes(40),
            As(User($"{ip}-p{i}"), ip: ip, key: $"AKIA{ip.Replace(".", "", StringComparison.Ordinal)}{i}")));

    [Fact]
    public void CredentialDistributed_AtEachEdge_AlertsOnlyWhereEveryConditionHolds()
    {
        using var f = new DetectionFixture { Rule = RuleCatalog.Get(Distributed) };
        var events = new List<Dictionary<string, object?>>();
        events.AddRange(FromIp(f, "198.51.100.1", 167, 166, 166));        // 499 calls of 3 principals: no
        events.AddRange(FromIp(f, "198.51.100.2", 167, 167, 166));        // 500 calls of 3 principals: alert
        events.AddRange(FromIp(f, "198.51.100.3", 300, 300));             // 600 calls of 2 principals: no
        events.AddRange(FromIp(f, "198.51.100.4", 200, 200, 200));        // 600 calls of 3 principals: alert
        events.AddRange(FromIp(f, "198.51.100.5", 500, 10, 10));          // one principal reaches 500: no (the seed rule's)
        events.AddRange(FromIp(f, "198.51.100.6", 499, 10, 10));          // the busiest at 499: alert
        // 600 calls of 3 principals made through an AWS service: no source IP, so they do not count.
        events.AddRange(Enumerable.Range(0, 3).SelectMany(i => f.Burst(200, T("2026-03-02T01:05:00Z"), TimeSpan.FromMinutes(40),
            As(User($"svc-{i}"), ip: "bedrock.amazonaws.com"))));
        f.Ingest(events);

        f.Detect("2026-03-02T00:00:00Z", "2026-03-02T04:00:00Z");

        var alerts = f.Db.Query<(string Ip, long Calls, long Busiest, string Principals, string Keys, string? Arn)>(
            """
            SELECT source_ip, inference_call_count, max_principal_calls, to_json(user_arns)::VARCHAR,
                   to_json(access_key_ids)::VARCHAR, user_arn
            FROM alerts ORDER BY source_ip
            """);
        Assert.Equal(["198.51.100.2", "198.51.100.4", "198.51.100.6"], alerts.Select(a => a.Ip));
        var first = alerts[0];
        Assert.Equal((500L, 167L), (first.Calls, first.Busiest));
        Assert.Null(first.Arn);
        Assert.Equal("[\"arn:aws:iam::111122223333:user/198.51.100.2-p0\",\"arn:aws:iam::111122223333:user/198.51.100.2-p1\",\"arn:aws:iam::111122223333:user/198.51.100.2-p2\"]", first.Principals);
        Assert.Equal("[\"AKIA198511002 0\",\"AKIA198511002 1\",\"AKIA198511002 2\"]".Replace(" ", "", StringComparison.Ordinal), first.Keys);
        // One alert per (account, source IP) for 60 minutes, however many windows and models the group has.
        Assert.Equal(0L, f.Db.Scalar<long>("SELECT count(*) FROM alerts WHERE user_arns IS NULL OR active_hours IS NOT NULL OR baseline_ratio IS NOT NULL"));
    }

    [Fact]
    public void LowAndSlow_AtEachEdge_AlertsOnlyWhereEveryConditionHolds()
    {
        using var f = new DetectionFixture { Rule = RuleCatalog.Get(LowAndSlow) };
        var start = T("2026-03-02T00:00:00Z");
        var events = new List<Dictionary<string, object?>>();
        events.AddRange(f.Burst(1999, start, TimeSpan.FromHours(12), As(User("total-1999"))));   // no
        events.AddRange(f.Burst(2000, start, TimeSpan.FromHours(12), As(User("total-2000"))));   // alert
        events.AddRange(f.Burst(2200, start, TimeSpan.FromHours(11), As(User("hours-11"))));     // 11 hours: no
        events.AddRange(f.Burst(2400, start, TimeSpan.FromHours(12), As(User("hours-12"))));     // 12 hours: alert
        // 11 hours of 150 and one hour at 500: no; the same with that hour at 499: alert.
        events.AddRange(f.Burst(1650, start, TimeSpan.FromHours(11), As(User("hour-at-500"))));
        events.AddRange(f.Burst(500, start + TimeSpan.FromHours(11), TimeSpan.FromHours(1), As(User("hour-at-500"))));
        events.AddRange(f.Burst(1650, start, TimeSpan.FromHours(11), As(User("hour-at-499"))));
        events.AddRange(f.Burst(499, start + TimeSpan.FromHours(11), TimeSpan.FromHours(1), As(User("hour-at-499"))));
        f.Ingest(events);

        f.Detect("2026-03-01T23:00:00Z", "2026-03-03T12:00:00Z");

        var alerts = f.Db.Query<(string Arn, long Calls, long Hours, long Busiest)>(
            "SELECT user_arn, inference_call_count, active_hours, max_hour_calls FROM alerts ORDER BY user_arn");
        Assert.Equal([User("hour-at-499"), User("hours-12"), User("total-2000")], alerts.Select(a => a.Arn));
        Assert.Equal((2149L, 12L, 499L), (alerts[0].Calls, alerts[0].Hours, alerts[0].Busiest));
        Assert.Equal((2000L, 12L), (alerts[2].Calls, alerts[2].Hours));
        // The first window holding all 12 hours opens the alert; the 24-hour suppression folds the later ones.
        Assert.Equal(T("2026-03-02T12:00:00Z").UtcDateTime, f.Db.Scalar<DateTime>(
            "SELECT window_end FROM alerts WHERE user_arn = $arn", new { arn = User("total-2000") }));
    }

    [Fact]
    public void BaselineBreak_AtEachEdge_AlertsOnlyWhereEveryConditionHolds()
    {
        using var f = new DetectionFixture { Rule = RuleCatalog.Get(Baseline) };
        var burst = T("2026-03-20T12:00:00Z");
        var events = new List<Dictionary<string, object?>>();
        // No history (a model the principal never used): the floor of 100 calls decides.
        events.AddRange(f.Burst(99, burst, TimeSpan.FromMinutes(10), As(User("new-99"))));
        events.AddRange(f.Burst(100, burst, TimeSpan.FromMinutes(10), As(User("new-100"))));
        // A baseline of 50 calls an hour (17 hours of 50 in the 14 days: the 17th-highest of 336 hours): 9.9x, 10x.
        foreach (var (name, calls) in new[] { ("ratio-9.9", 495), ("ratio-10", 500) })
        {
            events.AddRange(History(f, name, burst - TimeSpan.FromDays(7)));
            events.AddRange(f.Burst(calls, burst, TimeSpan.FromMinutes(10), As(User(name))));
        }
        // 16 hours of the baseline in the middle, and the 17th on day 14 (the oldest hour counted) or day 15 (one
        // hour older, outside): 400 calls are under 10x a baseline of 50, over 10x a baseline of 0.
        foreach (var (name, oldest) in new[] { ("day-14", burst - TimeSpan.FromDays(14)), ("day-15", burst - TimeSpan.FromDays(14) - TimeSpan.FromHours(1)) })
        {
            events.AddRange(History(f, name, burst - TimeSpan.FromDays(7), hours: 16));
            events.AddRange(f.Burst(50, oldest, TimeSpan.FromMinutes(50), As(User(name))));
            events.AddRange(f.Burst(400, burst, TimeSpan.FromMinutes(10), As(User(name))));
        }
        f.Ingest(events);

        f.Detect("2026-03-20T11:00:00Z", "2026-03-20T14:00:00Z");

        var alerts = f.Db.Query<(string Arn, long Calls, double? Baseline, double? Ratio, DateTime End)>(
            "SELECT user_arn, inference_call_count, baseline_calls_per_hour, baseline_ratio, window_end FROM alerts ORDER BY user_arn");
        Assert.Equal([User("day-15"), User("new-100"), User("ratio-10")], alerts.Select(a => a.Arn));
        Assert.Equal((100L, 0.0, (double?)null), (alerts[1].Calls, alerts[1].Baseline, alerts[1].Ratio));
        Assert.Equal((500L, 50.0, (double?)10.0), (alerts[2].Calls, alerts[2].Baseline, alerts[2].Ratio));
        // day-15's oldest hour is outside the baseline of the window starting at 12:00 (ending 13:00) only.
        Assert.Equal(T("2026-03-20T13:00:00Z").UtcDateTime, alerts[0].End);
    }

    [Fact]
    public void BaselineBreak_HistoryIngestedLate_ReEvaluatesTheWindowsAfterItAndRetracts()
    {
        using var f = new DetectionFixture { Rule = RuleCatalog.Get(Baseline) };
        var burst = T("2026-03-20T12:00:00Z");
        f.Ingest(f.Burst(400, burst, TimeSpan.FromMinutes(10), As(User("habit"))));
        f.Detect("2026-03-20T11:00:00Z", "2026-03-20T14:00:00Z");
        Assert.Single(f.Alerts());

        // Ten days earlier, 17 hours of 50 calls arrive: the baseline is 50, 400 calls are under 10x that.
        f.Ingest(History(f, "habit", burst - TimeSpan.FromDays(10)));
        var run = f.Detect(null, "2026-03-20T14:00:00Z");

        Assert.True(run.LateWindows > 0, "windows whose baseline took in the late hours are evaluated again");
        Assert.Equal(1, run.AlertsRetracted);
        Assert.Empty(f.Alerts());
        Assert.Equal("late data re-evaluation: no window of this alert meets the threshold any more",
            f.Db.Scalar<string>("SELECT retraction_reason FROM retracted_alerts"));
    }

    /// <summary><paramref name="hours"/> consecutive hours of 50 calls from <paramref name="start"/>.</summary>
    private static IEnumerable<Dictionary<string, object?>> History(DetectionFixture f, string name, DateTimeOffset start, int hours = 17) =>
        Enumerable.Range(0, hours).SelectMany(h => f.Burst(50, start + TimeSpan.FromHours(h), TimeSpan.FromMinutes(50), As(User(name))));
}
