using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection;

/// <summary>
/// The rules over invocation logs keep the schedule's guarantees: runs every 10 minutes while invocation log files
/// arrive 1 to 15 minutes late give the alerts, evidence and timelines of one backfill; and invocation logs that
/// arrive after the blind-spot rule alerted retract its alert.
/// </summary>
public sealed class InvocationScheduleTests
{
    private const string DeniedModels = "17261da3-a6d0-463c-aac8-ea1718afcd20";
    private const string Violations = "0cd2f3e6-41da-40e6-b28b-466f688f00a6";
    private const string BlindSpot = "5b1e0c2a-7f44-4d2e-9a6b-3c8e1d0f7a21";

    private static DateTimeOffset T(string iso) => DetectionFixture.At(iso);

    /// <summary>An invocation at <paramref name="time"/> by <paramref name="user"/>, denied or intervened or plain.</summary>
    private static string Invocation(string id, DateTimeOffset time, string user, string kind, string region = "us-east-1")
    {
        var record = new JsonObject
        {
            ["schemaType"] = "ModelInvocationLog",
            ["timestamp"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["accountId"] = DetectionFixture.Account,
            ["identity"] = new JsonObject { ["arn"] = $"arn:aws:iam::{DetectionFixture.Account}:user/{user}" },
            ["region"] = region,
            ["requestId"] = id,
            ["operation"] = "InvokeModelWithResponseStream",
            ["modelId"] = DetectionFixture.Model,
            ["input"] = new JsonObject { ["inputTokenCount"] = 10, ["inputBodyJson"] = new JsonObject { ["prompt"] = "hello" } },
        };
        if (kind == "denied")
        {
            record["errorCode"] = "AccessDeniedException";
        }
        else
        {
            var chunk = new JsonObject { ["delta"] = new JsonObject { ["text"] = "ok" } };
            if (kind == "intervened")
            {
                chunk["amazon-bedrock-guardrailAction"] = "INTERVENED";
            }
            record["output"] = new JsonObject { ["outputTokenCount"] = 1, ["outputBodyJson"] = new JsonArray(chunk) };
        }
        return record.ToJsonString();
    }

    /// <summary>Three hours of invocations: steady traffic, and bursts of denials and interventions by a few users.</summary>
    private static List<(DateTimeOffset Time, string Line)> Scenario()
    {
        var random = new Random(20260302);
        var lines = new List<(DateTimeOffset, string)>();
        var start = T("2026-03-02T00:00:00Z");
        for (var i = 0; i < 900; i++)
        {
            var time = start + TimeSpan.FromSeconds(random.Next(0, 3 * 3600));
            var user = $"user{random.Next(0, 6)}";
            var roll = random.Next(0, 100);
            var kind = roll < 4 ? "denied" : roll < 7 ? "intervened" : "plain";
            lines.Add((time, Invocation($"req-{i:0000}", time, user, kind)));
        }
        return lines;
    }

    [Theory]
    [InlineData(DeniedModels)]
    [InlineData(Violations)]
    public void Detect_InvocationRule_BackfillEqualsRunEveryTenMinutesWithDelayedDelivery(string ruleId)
    {
        var rule = RuleCatalog.Get(ruleId);
        using var scheduled = new DetectionFixture { Rule = rule };
        var random = new Random(7);
        // Invocation logs arrive 1 to 15 minutes after the call, in 5-minute files.
        var files = Scenario()
            .GroupBy(l => Slot(l.Time + TimeSpan.FromSeconds(random.Next(60, 15 * 60))))
            .OrderBy(g => g.Key)
            .Select(g => (DeliveredAt: g.Key, Path: scheduled.Db.WriteInput($"delivery/{g.Key:yyyyMMddTHHmm}.json",
                string.Join('\n', g.Select(l => l.Line)) + "\n")))
            .ToList();
        var end = T("2026-03-02T03:00:00Z");
        var delivered = 0;
        var lateWindows = 0L;
        var retracted = 0L;
        for (var tick = T("2026-03-02T00:00:00Z"); tick <= end + TimeSpan.FromMinutes(20); tick += TimeSpan.FromMinutes(10))
        {
            var due = files.Skip(delivered).TakeWhile(f => f.DeliveredAt <= tick).Select(f => f.Path).ToArray();
            delivered += due.Length;
            if (due.Length > 0)
            {
                scheduled.IngestPaths(due);
            }
            var run = scheduled.Detect(null, tick < end ? tick : end, now: tick);
            lateWindows += run.LateWindows;
            retracted += run.AlertsRetracted;
        }
        Assert.Equal(files.Count, delivered);
        Assert.True(lateWindows > 0, "late invocation files should make runs re-evaluate windows");

        using var backfill = new DetectionFixture { Rule = rule };
        backfill.IngestPaths(scheduled.Db.InputFolder);
        backfill.Detect(null, end);

        var expected = backfill.AlertFingerprints();
        Assert.True(expected.Count >= 2, $"the scenario should raise several alerts, got {expected.Count}");
        Assert.Equal(expected, scheduled.AlertFingerprints());
        Assert.Equal(backfill.EvidenceFingerprints(), scheduled.EvidenceFingerprints());
        Assert.Equal(retracted, scheduled.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));
        // The evidence names the invocations by request id.
        Assert.True(backfill.Db.Scalar<long>("SELECT count(*) FROM alert_events WHERE event_id LIKE 'req-%' AND request_id = event_id") > 0);
    }

    [Fact]
    public void BlindSpot_LateInvocationLogs_RetractTheAlert_AsABackfillWouldNotRaiseIt()
    {
        var rule = RuleCatalog.Get(BlindSpot);
        using var f = new DetectionFixture { Rule = rule };
        // Logging delivered two days before; then five calls at 01:10-01:14 whose invocation logs are not in yet.
        f.IngestInvocations(Invocation("old-1", T("2026-02-28T10:00:00Z"), "app", "plain") + "\n");
        f.Ingest(Enumerable.Range(0, 5).Select(i =>
        {
            var e = CloudTrailJson.Event($"call-{i}", T("2026-03-02T01:10:00Z").AddMinutes(i));
            e["eventName"] = "Converse";
            return e;
        }).ToList());
        var first = f.Detect(null, "2026-03-02T03:00:00Z", now: "2026-03-02T03:00:00Z");
        Assert.Equal(1, first.AlertsNew);
        Assert.Equal(5L, f.Db.Scalar<long>("SELECT count(*) FROM alert_events"));

        // The hour's invocation logs arrive late: the window is evaluated again and the alert taken back.
        f.IngestInvocations(Invocation("late-1", T("2026-03-02T01:12:30Z"), "app", "plain") + "\n");
        var second = f.Detect(null, "2026-03-02T03:10:00Z", now: "2026-03-02T03:10:00Z");
        Assert.True(second.LateWindows > 0);
        Assert.Equal(1, second.AlertsRetracted);
        Assert.Empty(f.Alerts());
        Assert.Equal(1L, f.Db.Scalar<long>("SELECT count(*) FROM retracted_alerts"));

        using var backfill = new DetectionFixture { Rule = rule };
        backfill.IngestPaths(f.Db.InputFolder);
        backfill.Detect(null, "2026-03-02T03:00:00Z");
        Assert.Empty(backfill.Alerts());
    }

    [Fact]
    public void BlindSpot_HistoryArrivingLate_RaisesTheAlertABackfillRaises()
    {
        var rule = RuleCatalog.Get(BlindSpot);
        using var f = new DetectionFixture { Rule = rule };
        f.Ingest(Enumerable.Range(0, 5).Select(i =>
        {
            var e = CloudTrailJson.Event($"call-{i}", T("2026-03-02T01:10:00Z").AddMinutes(i));
            e["eventName"] = "Converse";
            return e;
        }).ToList());
        Assert.Equal(0, f.Detect(null, "2026-03-02T03:00:00Z", now: "2026-03-02T03:00:00Z").AlertsNew);

        // Logs of three days before arrive now (a backfill of the log bucket): logging was delivering, so the calls
        // of 01:00 are a blind spot, up to delivering_days after those logs.
        f.IngestInvocations(Invocation("old-1", T("2026-02-27T10:00:00Z"), "app", "plain") + "\n");
        Assert.Equal(1, f.Detect(null, "2026-03-02T03:10:00Z", now: "2026-03-02T03:10:00Z").AlertsNew);

        using var backfill = new DetectionFixture { Rule = rule };
        backfill.IngestPaths(f.Db.InputFolder);
        backfill.Detect(null, "2026-03-02T03:00:00Z");
        Assert.Equal(backfill.AlertFingerprints(), f.AlertFingerprints());
    }

    private static DateTimeOffset Slot(DateTimeOffset t) =>
        new(t.Ticks - (t.Ticks % TimeSpan.FromMinutes(5).Ticks), TimeSpan.Zero);
}
