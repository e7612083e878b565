using System.Text.Json.Nodes;
using DuckDetect.Core.Investigation;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Investigation;

/// <summary>
/// explain on a history built by hand: every figure below is worked out from the events the test writes.
/// The principal calls the model 10·k times in hour k (k = 1..20: 08:00-13:00 on 2026-03-02..05), then 600 times
/// between 12:10 and 13:00 on 2026-03-10 (half of them from a new IP, all with a new key): one alert, opening
/// window 12:00-13:00.
/// </summary>
public sealed class ExplainTests(ExplainHistory history) : IClassFixture<ExplainHistory>
{
    private readonly ExplainHistory _history = history;

    private string AlertId => _history.AlertId;

    private JsonObject Explain(string? alertId = null)
    {
        using var session = _history.Fx.Db.Open();
        return AlertExplanation.Build(session, alertId ?? AlertId);
    }

    [Fact]
    public void Explain_OpeningWindow_CountAgainstThresholdBucketsAndFoldedCandidates()
    {
        var report = Explain();

        var opening = report["opening_window"]!;
        Assert.Equal((600, 500, 100), ((int)opening["calls"]!, (int)opening["threshold"]!, (int)opening["over_threshold_by"]!));
        Assert.Equal("2026-03-10T12:00:00Z", (string?)opening["window_start"]);
        Assert.Equal("2026-03-10T13:50:00Z", (string?)opening["covers_events_until"]);
        var buckets = report["buckets"]!.AsArray();
        Assert.Equal(
            ["12:00 0 0", "12:10 120 120", "12:20 120 240", "12:30 120 360", "12:40 120 480", "12:50 120 600",
             "13:00 0 600", "13:10 0 480", "13:20 0 360", "13:30 0 240", "13:40 0 120"],
            buckets.Select(b => $"{((string)b!["bucket_start"]!)[11..16]} {b["calls"]} {b["window_calls"]}"));
        Assert.Equal(["13:00 600 True", "13:10 600 False"],
            report["folded"]!.AsArray().Select(f => $"{((string)f!["window_end"]!)[11..16]} {f["calls"]} {(bool)f["opened"]!}"));
        Assert.Equal(1, (int)report["alert"]!["suppressed_count"]!);
    }

    [Fact]
    public void Explain_Baseline_HourlyMedianP95MaxDaysActiveAndFirstSeen()
    {
        var baseline = Explain()["baseline"]!;

        // 336 hours (2026-02-24 12:00 to 2026-03-10 12:00), 20 of them with 10, 20, ... 200 calls, on 4 days.
        Assert.Equal(336, (int)baseline["hours_observed"]!);
        Assert.Equal(20, (int)baseline["hours_active"]!);
        Assert.Equal(4, (int)baseline["days_active"]!);
        Assert.Equal(2100, (int)baseline["calls"]!);
        Assert.Equal(0.0, (double)baseline["median_per_hour"]!);
        // 95th percentile of 316 zeros and 10..200: position 0.95 × 335 = 318.25, between 30 and 40.
        Assert.Equal(32.5, (double)baseline["p95_per_hour"]!);
        Assert.Equal(200, (int)baseline["max_per_hour"]!);
        Assert.True((bool)baseline["exceeds_baseline"]!);
        Assert.Equal("2026-02-21T08:00:00Z", (string?)baseline["principal_first_seen"]);
        Assert.Equal("2026-03-02T08:00:00Z", (string?)baseline["principal_model_first_seen"]);
    }

    [Fact]
    public void Explain_Novelty_NewKeyAndIpSeenAgentAndIp()
    {
        var novelty = Explain()["novelty"]!.AsArray()
            .Select(n => $"{n!["kind"]} {n["value"]} {((bool)n["new"]! ? "new" : "seen")} {n["first_seen"]}");

        Assert.Equal(
            ["access_key_id ASIANEWKEY new 2026-03-10T12:10:00Z",
             "source_ip 198.51.100.7 seen 2026-02-21T08:00:00Z",
             "source_ip 203.0.113.9 new 2026-03-10T12:10:05Z",
             "user_agent Boto3/1.34.0 seen 2026-02-21T08:00:00Z"],
            novelty);
    }

    [Fact]
    public void Explain_Context_OtherBedrockIamAndStsCallsWithin24Hours()
    {
        var context = Explain()["context"]!.AsArray()
            .Select(c => $"{c!["event_name"]} {c["error_code"]} {c["calls"]}");

        Assert.Equal(
            ["DeleteModelInvocationLoggingConfiguration  1", "GetModelInvocationLoggingConfiguration  1",
             "InvokeModel ThrottlingException 5", "ListFoundationModels  3", "CreateAccessKey  1", "AssumeRole  2"],
            context);
    }

    [Fact]
    public void Explain_RelatedAlertsTriageAndExceptions()
    {
        var report = Explain();

        var related = report["related_alerts"]!.AsArray().Single()!;
        Assert.Equal((ExplainHistory.OtherArn, "model", "2026-03-10T19:00:00Z", "open"),
            ((string)related["user_arn"]!, (string)related["relation"]!, (string)related["window_end"]!, (string)related["status"]!));
        Assert.Equal("false_positive", (string?)report["triage"]!["status"]);
        Assert.Equal(2, report["triage"]!["history"]!.AsArray().Count);
        Assert.Equal(1, (int)report["exceptions"]!["active"]!.AsArray().Single()!["exception_id"]!);
    }

    [Fact]
    public void Explain_Cli_TableSectionsAndUnknownIdExitsInvalid()
    {
        var table = Support.Cli.Run("explain", AlertId, "--db", _history.Fx.Db.Path);
        var unknown = Support.Cli.Run("explain", "00000000-0000-0000-0000-000000000000", "--db", _history.Fx.Db.Path);
        var format = Support.Cli.Run("explain", AlertId, "--db", _history.Fx.Db.Path, "--format", "xml");

        Assert.True(table.ExitCode == 0, table.ToString());
        foreach (var section in new[] { "opening window", "folded", "baseline", "new or seen before", "IAM", "related alerts", "triage", "exceptions" })
        {
            Assert.Contains(section, table.Stdout, StringComparison.Ordinal);
        }
        Assert.Equal(64, unknown.ExitCode);
        Assert.Contains("no alert with id", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(64, format.ExitCode);
    }

    private static DateTimeOffset At(string iso) => DetectionFixture.At(iso);
}
