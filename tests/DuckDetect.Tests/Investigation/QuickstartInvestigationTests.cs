using System.Text.Json.Nodes;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Investigation;
using DuckDetect.Core.Tuning;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Investigation;

/// <summary>explain and tune on the quickstart's sample: every alert explained, tune against detect --what-if.</summary>
[Collection(QuickstartCollection.Name)]
public sealed class QuickstartInvestigationTests(QuickstartDatabase quickstart)
{
    private readonly DetectionFixture _fx = quickstart.Fx;

    [Fact]
    public void Explain_EachQuickstartAlert_AnswersEveryInvestigationStep()
    {
        var alerts = _fx.Alerts();
        Assert.Equal(10, alerts.Count);
        using var session = _fx.Db.Open();
        foreach (var alert in alerts)
        {
            var report = AlertExplanation.Build(session, alert.AlertId);

            Assert.Equal((alert.UserArn, alert.ModelId), ((string)report["alert"]!["user_arn"]!, (string)report["alert"]!["model_id"]!));
            Assert.Equal(alert.Count, (long)report["opening_window"]!["calls"]!);
            Assert.True((long)report["opening_window"]!["over_threshold_by"]! >= 0);
            // the opening window is the window_calls of the bucket that ends with it
            var openingBucket = report["buckets"]!.AsArray().Single(b =>
                (string)b!["model_id"]! == alert.ModelId && (string)b["bucket_start"]! == $"{alert.WindowEnd.AddMinutes(-10):yyyy-MM-ddTHH:mm:ss}Z");
            Assert.Equal(alert.Count, (long)openingBucket!["window_calls"]!);
            var folded = report["folded"]!.AsArray();
            Assert.Equal(alert.SuppressedCount + 1, folded.Count);
            Assert.Single(folded, f => (bool)f!["opened"]!);
            var baseline = report["baseline"]!;
            Assert.NotNull((string?)baseline["principal_first_seen"]);
            Assert.NotNull((string?)baseline["principal_model_first_seen"]);
            // a principal's first alert is above anything before it; a later one's baseline holds the earlier alerts
            var first = alerts.First(a => a.UserArn == alert.UserArn && a.AccountId == alert.AccountId);
            Assert.True(alert != first || (bool)baseline["exceeds_baseline"]!);
            Assert.NotEmpty(report["novelty"]!.AsArray());
            Assert.Equal("open", (string?)report["triage"]!["status"]);
        }
    }

    [Fact]
    public void ExplainTable_EachFactNamedForWhatItIs_NoNameWithTwoMeanings()
    {
        var alert = _fx.Alerts().Single(a => a.UserArn.EndsWith("user/svc-ml-reporting", StringComparison.Ordinal));

        var result = Support.Cli.Run("explain", alert.AlertId, "--db", _fx.Db.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var facts = result.Stdout.Split('\n').Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split("  ", 2, StringSplitOptions.TrimEntries)).Where(f => f.Length == 2 && f[1].Length > 0)
            .GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.Select(f => f[1]).Distinct().ToList());
        // the same name never stands for two values (it did: "suppression start" 10:30, "suppression period start" 09:30)
        Assert.All(facts.Where(f => f.Key.Contains("suppression", StringComparison.Ordinal)), f => Assert.Single(f.Value));
        Assert.DoesNotContain("suppression period", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["2026-03-02T10:30:00Z"], facts["opened by the window ending"]);
        Assert.Equal(["2026-03-02T09:30:00Z"], facts["covers events from"]);
        Assert.Equal(["2026-03-02T11:20:00Z"], facts["last window folded in ending"]);
    }

    [Fact]
    public void Explain_LoudProbing_HandCountedFromTheManifest()
    {
        // loud_probing: 960 calls in 40 minutes, 60 of them throttled (data/README.md)
        var alert = _fx.Alerts().Single(a => a.UserArn.EndsWith("user/svc-ml-reporting", StringComparison.Ordinal));
        using var session = _fx.Db.Open();
        var report = AlertExplanation.Build(session, alert.AlertId);

        Assert.Equal(900, report["buckets"]!.AsArray().Sum(b => (long)b!["calls"]!));
        var throttled = report["context"]!.AsArray().Single(c => (string?)c!["error_code"] == "ThrottlingException");
        Assert.Equal(("InvokeModel", 60), ((string)throttled!["event_name"]!, (int)throttled["calls"]!));
        Assert.All(report["novelty"]!.AsArray(), n => Assert.True((bool)n!["new"]!));
    }

    [Fact]
    public void Explain_RagService_RelatesItsOtherAlerts()
    {
        var rag = _fx.Alerts().Where(a => a.UserArn.EndsWith("rag-service-task-role/rag-api", StringComparison.Ordinal)).ToList();
        using var session = _fx.Db.Open();
        var related = AlertExplanation.Build(session, rag[1].AlertId)["related_alerts"]!.AsArray();

        Assert.Equal(rag.Where(a => a.AlertId != rag[1].AlertId).Select(a => a.AlertId).Order(StringComparer.Ordinal),
            related.Where(r => ((string)r!["relation"]!).StartsWith("principal", StringComparison.Ordinal)).Select(r => (string)r!["alert_id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tune_AtEachThreshold_GivesTheAlertsOfDetectWhatIf()
    {
        long[] thresholds = [150, 200, 300, 450, 490, 500, 501, 700, 800, 1000];
        JsonObject tuned;
        using (var session = DuckDetect.Core.Storage.DuckDbSession.Open(_fx.Db.Path, readOnly: true))
        {
            tuned = Tuner.Run(session, _fx.Rule, new TuneRequest { To = QuickstartDatabase.To, Thresholds = thresholds });
        }
        var levels = tuned["thresholds"]!.AsArray().ToDictionary(l => (long)l!["threshold"]!);

        foreach (var threshold in thresholds)
        {
            var path = Path.Combine(_fx.Db.Folder, $"what-if-{threshold}.duckdb");
            var settings = _fx.Rule.Settings with { Threshold = threshold };
            using var whatIf = WhatIfDatabase.Open(path, _fx.Db.Path, [(_fx.Rule, settings)], WhatIfExceptions.None, TimeSpan.Zero);
            new Detector(whatIf, _fx.Rule, DuckDetect.Core.NullStatusSink.Instance).Run(new DetectRequest { To = QuickstartDatabase.To, Settings = settings });
            var alerts = Dapper.SqlMapper.ExecuteScalar<long>(whatIf.Connection, "SELECT count(*) FROM alerts");
            var principals = Dapper.SqlMapper.ExecuteScalar<long>(whatIf.Connection, "SELECT count(DISTINCT (user_arn, coalesce(account_id, '-'))) FROM alerts");

            Assert.True((alerts, principals) == ((long)levels[threshold]!["alerts"]!, (long)levels[threshold]!["principals"]!),
                $"threshold {threshold}: what-if {alerts} alerts of {principals} principals, tune {levels[threshold]}");
        }
        Assert.Equal(10, (long)levels[500]!["alerts"]!);
        Assert.True((bool)levels[500]!["current"]!);
    }

    [Fact]
    public void Tune_Cli_FormatsAndBadThresholds()
    {
        var csv = Support.Cli.Run("tune", "--db", _fx.Db.Path, "--to", "2026-03-03", "--format", "csv", "--thresholds", "300,500", "--rule", _fx.Rule.Id);
        var bad = Support.Cli.Run("tune", "--db", _fx.Db.Path, "--thresholds", "300,lots");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        Assert.Equal(
            ["rule_id,threshold,current,alerts,principals,pairs,near_misses,pairs_added,pairs_dropped",
             $"{_fx.Rule.Id},300,false,19,8,8,11,2,0",
             $"{_fx.Rule.Id},500,true,10,6,6,2,0,0"],
            csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(64, bad.ExitCode);
    }
}
