using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Support.EventShape;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// For every rule of every type (the threshold rules; a single-event match, a distinct-count match, new terms and a
/// sequence), a backfill gives exactly the alerts that scheduled runs every 10 minutes give, with files arriving
/// late, and running it again changes nothing. The rules with day-long windows or baselines run with shorter ones
/// here (their settings scaled down), so that the schedule stays a few hours long.
/// </summary>
public sealed class ScheduleTests
{
    private const string Seed = "56312ef5-656c-4bf7-ad9a-affed052b102";
    private const string Distributed = "ad077b94-32a3-470b-82cf-05975564baa9";
    private const string LowAndSlow = "103f83b8-f5d2-4d42-9fcb-ecb7900e1c56";
    private const string Baseline = "1934bd11-f476-48cd-a252-1ccf6ad54042";
    private const string Guardrail = "cdf7b922-909c-440c-8df0-0efe72aa7bea";
    private const string Policy = "de0e9ed8-b68f-4249-957a-2c2bbdbd1c1b";
    private const string Recon = "a17f2e5f-de52-49e8-9d86-ccfe91cd54d4";
    private const string Enumeration = "39c99811-f291-486f-908f-9fabbd942084";

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    /// <summary>How long the seed rule's schedule runs (TestStrength): the paced and background traffic last an hour less.</summary>
    private static readonly int SeedHours = TestStrength.Pick(7, 9);

    /// <summary>The settings each rule runs with here: the defined ones, scaled down for day-long windows and baselines.</summary>
    private static RuleSettings SettingsFor(RuleDefinition rule) => rule.Id switch
    {
        LowAndSlow => (rule.Settings with { Threshold = 300, WindowMinutes = 180, SuppressionMinutes = 180 })
            .With("min_hours", 3).With("hour_cap", 200),
        Baseline => rule.Settings.With("baseline_days", 1),
        _ => rule.Settings,
    };

    [Theory]
    [InlineData(Seed, 5)]
    [InlineData(Distributed, 3)]
    [InlineData(LowAndSlow, 2)]
    [InlineData(Baseline, 3)]
    [InlineData(Guardrail, 3)]
    [InlineData(Policy, 3)]
    [InlineData(Recon, 2)]
    [InlineData(Enumeration, 2)]
    public void Detect_BackfillOverRange_EqualsRunEveryTenMinutesWithDelayedDelivery(string ruleId, int minimumAlerts)
    {
        var rule = RuleCatalog.Get(ruleId);
        var settings = SettingsFor(rule);
        using var scheduled = new DetectionFixture { Rule = rule };
        var events = ruleId switch
        {
            Distributed => DistributedScenario(scheduled),
            LowAndSlow => LowAndSlowScenario(scheduled),
            Baseline => BaselineScenario(scheduled),
            Seed => Scenario(scheduled),
            _ => EventRulesScenario(scheduled),
        };
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
        // The seed rule's schedule runs 9 hours (7 in a quick run); the others' 3 (their scenarios are as dense).
        var end = ruleId == Seed ? T("2026-03-02T00:00:00Z") + TimeSpan.FromHours(SeedHours) : T("2026-03-02T03:00:00Z");
        // Runs go on until the last file has arrived (15 minutes after the end at most), each detecting up to the end.
        for (var tick = T("2026-03-02T00:00:00Z"); tick <= end + TimeSpan.FromMinutes(20); tick += TimeSpan.FromMinutes(10))
        {
            var due = files.Skip(delivered).TakeWhile(f => f.DeliveredAt <= tick).Select(f => f.Path).ToArray();
            delivered += due.Length;
            if (due.Length > 0)
            {
                scheduled.IngestPaths(due);
            }
            var run = scheduled.Detect(null, tick < end ? tick : end, settings, now: tick);
            retracted += run.AlertsRetracted;
            lateWindows += run.LateWindows;
        }
        Assert.Equal(files.Count, delivered);
        Assert.True(lateWindows > (rule.Id == Seed ? 20 : 0), $"late delivery should make runs re-evaluate windows, got {lateWindows}");

        using var backfill = new DetectionFixture { Rule = rule };
        AddExceptions(backfill);
        backfill.IngestPaths(scheduled.Db.InputFolder);
        var summary = backfill.Detect(null, end, settings);

        var expected = backfill.AlertFingerprints();
        Assert.Equal(1, summary.Spans);
        Assert.True(expected.Count >= minimumAlerts, $"the scenario should raise several alerts, got {expected.Count}");
        Assert.Equal(expected, scheduled.AlertFingerprints());
        // The exceptions name the seed scenario's model and principal.
        Assert.True(ruleId is not Seed || backfill.Db.Scalar<long>("SELECT count(exception_id) FROM detection_candidates") > 0);
        // The evidence and timelines the analyst database publishes are the same too.
        var evidence = backfill.EvidenceFingerprints();
        Assert.NotEmpty(evidence);
        Assert.Equal(evidence, scheduled.EvidenceFingerprints());
        // What the schedule raised early and later took back is on record, never silently gone.
        Assert.Equal(retracted, scheduled.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));
        // Running it again over the whole range changes nothing.
        var again = backfill.Detect(T("2026-03-01T00:00:00Z"), end, settings);
        Assert.Equal((0, 0, 0), (again.AlertsNew, again.AlertsUpdated, again.AlertsRetracted));
        Assert.Equal(expected, backfill.AlertFingerprints());
    }

    /// <summary>Principals sharing a source IP, <paramref name="calls"/> each, evenly over <paramref name="span"/>.</summary>
    private static IEnumerable<Dictionary<string, object?>> FromIp(DetectionFixture f, string ip, int principals, int calls,
        string start, TimeSpan span) =>
        Enumerable.Range(0, principals).SelectMany(p => f.Burst(calls, T(start), span, As(User($"{ip}-{p}"), ip: ip, key: $"AKIA{p}")));

    private static List<Dictionary<string, object?>> DistributedScenario(DetectionFixture f)
    {
        var events = new List<Dictionary<string, object?>>();
        events.AddRange(FromIp(f, "203.0.113.1", 4, 150, "2026-03-02T00:30:00Z", TimeSpan.FromMinutes(40)));   // 600 calls
        events.AddRange(FromIp(f, "203.0.113.2", 5, 260, "2026-03-02T01:00:00Z", TimeSpan.FromHours(2)));      // 650 an hour
        events.AddRange(FromIp(f, "203.0.113.3", 2, 300, "2026-03-02T01:20:00Z", TimeSpan.FromMinutes(40)));   // 2 principals
        events.AddRange(FromIp(f, "203.0.113.4", 3, 175, "2026-03-02T01:50:00Z", TimeSpan.FromMinutes(55)));   // 525 calls
        events.AddRange(Noise(f, p => As(User($"app{p}"), ip: $"192.0.2.{p}")));
        return events;
    }

    private static List<Dictionary<string, object?>> LowAndSlowScenario(DetectionFixture f)
    {
        var events = new List<Dictionary<string, object?>>();
        events.AddRange(f.Burst(450, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3), As(User("paced"))));
        events.AddRange(f.Burst(480, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3), As(User("steady-slow"))));
        events.AddRange(f.Burst(200, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(2), As(User("spiky"))));
        events.AddRange(f.Burst(250, T("2026-03-02T02:00:00Z"), TimeSpan.FromHours(1), As(User("spiky"))));
        events.AddRange(Noise(f, p => As(User($"app{p}"))));
        return events;
    }

    private static List<Dictionary<string, object?>> BaselineScenario(DetectionFixture f)
    {
        var events = new List<Dictionary<string, object?>>();
        events.AddRange(f.Burst(360, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3), As(User("steady"))));
        events.AddRange(f.Burst(90, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(2), As(User("habit"))));
        events.AddRange(f.Burst(800, T("2026-03-02T02:10:00Z"), TimeSpan.FromMinutes(30), As(User("habit"))));
        events.AddRange(f.Burst(150, T("2026-03-02T01:30:00Z"), TimeSpan.FromMinutes(20), As(User("new-model"))));
        events.AddRange(Noise(f, p => As(User($"app{p}"))));
        return events;
    }

    /// <summary>
    /// Three hours of the event rules' events (every event rule reads what it matches): guardrail changes, resource
    /// policy changes by principals seen and not seen before, model enumerations followed by invocations with long-term
    /// keys, and failed invocations across models; with near misses of each, and the background of the other scenarios.
    /// </summary>
    private static List<Dictionary<string, object?>> EventRulesScenario(DetectionFixture f)
    {
        var events = new List<Dictionary<string, object?>>();
        string At(int minutes) => (T("2026-03-02T00:00:00Z") + TimeSpan.FromMinutes(minutes)).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        for (var p = 0; p < 4; p++)
        {
            var arn = User($"admin{p}");
            // guardrails changed, twice within the hour (folded) and once after it (a new alert)
            events.Add(ApiCall.At(At(15 + (p * 7)), "DeleteGuardrail", arn));
            events.Add(ApiCall.At(At(40 + (p * 7)), "UpdateGuardrail", arn));
            events.Add(ApiCall.At(At(130 + (p * 5)), "UpdateGuardrail", arn));
            events.Add(ApiCall.At(At(20 + p), "DeleteGuardrail", arn, error: "AccessDeniedException"));
            // resource policies: new at first, seen again within the hours that follow
            events.Add(ApiCall.At(At(30 + (p * 20)), "PutResourcePolicy", arn));
            events.Add(ApiCall.At(At(95 + (p * 20)), "DeleteResourcePolicy", arn));
            // a long-term key enumerating and invoking; a role's key doing the same
            var key = $"AKIAKEY{p}";
            events.Add(ApiCall.At(At(25 + (p * 30)), "ListFoundationModels", arn, key));
            events.Add(ApiCall.Invoke(At(33 + (p * 30)), "anthropic.claude-3-haiku-20240307-v1:0", arn, key));
            events.Add(ApiCall.At(At(26 + (p * 30)), "ListFoundationModels", arn, $"ASIAROLE{p}"));
            events.Add(ApiCall.Invoke(At(30 + (p * 30)), "anthropic.claude-3-haiku-20240307-v1:0", arn, $"ASIAROLE{p}"));
            // failed invocations across models (the enumeration), and an application failing on its one model
            for (var m = 0; m < 5; m++)
            {
                events.Add(ApiCall.Invoke(At(50 + (p * 25) + m), $"vendor.model-{m}-v1:0", arn, error: "ValidationException"));
                events.Add(ApiCall.Invoke(At(52 + (p * 25) + m), "amazon.titan-text-express-v1", User($"app{p}"), error: "ValidationException"));
            }
        }
        events.AddRange(Noise(f, p => As(User($"app{p}"))));
        return events;
    }

    /// <summary>Background of ten principals, 200 calls each over 3 hours (under every rule's conditions).</summary>
    private static IEnumerable<Dictionary<string, object?>> Noise(DetectionFixture f, Func<int, Action<Dictionary<string, object?>>> shape) =>
        Enumerable.Range(0, 10).SelectMany(p => f.Burst(200, T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(3), shape(p)));

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
        // Paced just under the threshold all day (480 an hour): never alerts.
        events.AddRange(f.Burst(480 * (SeedHours - 1), T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(SeedHours - 1), As("arn:aws:iam::111122223333:user/paced")));
        // Two models of one principal, crossing at different times.
        events.AddRange(f.Burst(520, T("2026-03-02T03:00:00Z"), TimeSpan.FromMinutes(55), As("arn:aws:iam::111122223333:user/twomodels", model: "amazon.titan-text-express-v1")));
        events.AddRange(f.Burst(700, T("2026-03-02T03:20:00Z"), TimeSpan.FromMinutes(50), As("arn:aws:iam::111122223333:user/twomodels", model: "meta.llama3-70b-instruct-v1:0")));
        // No account at all, near the schedule's end.
        events.AddRange(f.Burst(520, T("2026-03-02T00:00:00Z") + TimeSpan.FromHours(SeedHours - 2) + TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(55),
            As("arn:aws:sts::role/unaccounted", account: null)));
        // Background noise of many principals.
        for (var p = 0; p < 10; p++)
        {
            events.AddRange(f.Burst((int)(37.5 * (SeedHours - 1)), T("2026-03-02T00:00:00Z"), TimeSpan.FromHours(SeedHours - 1), As($"arn:aws:iam::111122223333:user/app{p}")));
        }
        return events;
    }
}
