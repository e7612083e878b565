using DuckDetect.Core.Generate;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Generate;

/// <summary>The planted cases, checked against the files with an independent evaluation of the rules.</summary>
public sealed class GeneratePlantedCaseTests(GeneratedData data) : IClassFixture<GeneratedData>
{
    private ManifestRule Seed => data.Manifest.Rule("seed");

    private ManifestRule Distributed => data.Manifest.Rule("credential_distributed");

    private ManifestRule LowAndSlow => data.Manifest.Rule("low_and_slow");

    private ManifestRule Baseline => data.Manifest.Rule("baseline_break");

    [Fact]
    public void Manifest_ListsEveryPlantedCaseWithWhatEachRuleMustDo()
    {
        string Expected(string name, ManifestRule rule) => data.Case(name).Expected[rule.Id];

        Assert.Equal(["seed", "credential_distributed", "low_and_slow", "baseline_break"], data.Manifest.Rules.Select(r => r.Key));
        Assert.Equal("alert", Expected("loud_probing", Seed));
        Assert.Equal("no_alert", Expected("paced_probing", Seed));
        Assert.Equal("no_alert", Expected("distributed_probing", Seed));
        Assert.Equal("alert", Expected("distributed_probing", Distributed));
        Assert.Equal("no_alert", Expected("low_and_slow_probing", Seed));
        Assert.Equal("alert", Expected("low_and_slow_probing", LowAndSlow));
        Assert.Equal("no_alert", Expected("low_and_slow_probing", Baseline));
        Assert.Equal("expected_false_positive", Expected("rag_service", Seed));
        Assert.Equal("expected_false_positive", Expected("eval_pipeline", Seed));
        Assert.Equal("alert", Expected("sustained_probing", Seed));
        Assert.Equal("no_alert", Expected("sustained_probing", LowAndSlow));
        Assert.Equal("alert", Expected("threshold_exact", Seed));
        Assert.Equal("no_alert", Expected("failures_not_counted", Seed));
        Assert.All(data.Manifest.Cases, c => Assert.Equal(data.Manifest.Rules.Select(r => r.Id), c.Expected.Keys));
        // A case a rule must not alert on raises none of its alerts, any other at least one; the rules' lists hold them.
        Assert.All(data.Manifest.Cases, c => Assert.All(data.Manifest.Rules, r =>
            Assert.Equal(c.Expected[r.Id] == "no_alert", !c.ExpectedAlerts.Any(a => a.RuleId == r.Id))));
        Assert.Equal(
            data.Manifest.Rules.SelectMany(r => r.ExpectedAlerts).Where(a => a.Case is not null).Select(a => $"{a.Case} {a.AlertId}").Order(StringComparer.Ordinal),
            data.Manifest.Cases.SelectMany(c => c.ExpectedAlerts.Select(a => $"{c.Name} {a.AlertId}")).Order(StringComparer.Ordinal));
        Assert.All(data.Manifest.Rules, r => Assert.Equal(0, r.Background.Alerts));
        Assert.Equal(10, data.Case("distributed_probing").PrincipalArns.Count);
    }

    [Fact]
    public void Manifest_StatesEachRulesShippedParameters()
    {
        foreach (var rule in data.Manifest.Rules)
        {
            var shipped = RuleCatalog.Get(rule.Id);
            var stated = rule.Parameters;

            Assert.Equal(shipped.Name, rule.Name);
            Assert.Equal((shipped.Threshold, shipped.WindowMinutes, shipped.IntervalMinutes, shipped.Suppression.DurationMinutes),
                (stated.Threshold, stated.WindowMinutes, stated.IntervalMinutes, stated.SuppressionMinutes));
            Assert.Equal(shipped.CandidateKeys.Names, stated.GroupBy);
            Assert.Equal(shipped.SuppressionKeys.Names, stated.SuppressBy);
            Assert.Equal(shipped.Settings.Extra.OrderBy(s => s.Key, StringComparer.Ordinal), stated.Settings.OrderBy(s => s.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void LoudCase_ReachesTheThresholdInAWindow()
    {
        var loud = data.Case("loud_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => w.Arn == loud.PrincipalArn && w.ModelId == loud.ModelId).ToList();

        Assert.True(windows.Max(w => w.Calls) >= 500);
        Assert.Equal(900, windows.Max(w => w.Calls));
        Assert.Equal("2025-06-02T10:30:00Z", Iso(windows.Where(w => w.Calls >= 500).Min(w => w.WindowEnd)));
        Assert.Equal(["2025-06-02T10:30:00Z"], WindowEnds(loud, Seed));
    }

    [Fact]
    public void PacedCase_StaysUnderTheThresholdInEveryWindow()
    {
        var paced = data.Case("paced_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => w.Arn == paced.PrincipalArn).ToList();

        Assert.InRange(windows.Max(w => w.Calls), 480, 499);
        Assert.True(windows.Count(w => w.Calls >= 480) >= 12, "paced for hours");
        Assert.Empty(WindowEnds(paced, Seed));
    }

    [Fact]
    public void DistributedCase_NoPrincipalReachesTheThreshold_ThoughTheirSumFromOneSourceIpDoes()
    {
        var spread = data.Case("distributed_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => spread.PrincipalArns.Contains(w.Arn)).ToList();
        var sources = events.Query<string>(
            "SELECT DISTINCT source_ip FROM events WHERE arn IN $arns AND event_source = 'bedrock.amazonaws.com'",
            new { arns = spread.PrincipalArns.ToArray() });

        Assert.Equal(200, windows.Max(w => w.Calls));
        Assert.True(windows.GroupBy(w => w.WindowEnd).Max(g => g.Sum(w => w.Calls)) >= 500);
        Assert.Equal(spread.SourceIps, sources);
        // The credential-distributed rule alerts on that source IP, with all ten principals; suppression for 60
        // minutes opens a second alert while the calls go on.
        var alerts = spread.ExpectedAlerts.Where(a => a.RuleId == Distributed.Id).ToList();
        Assert.Equal(["2025-06-02T18:20:00Z", "2025-06-02T19:20:00Z"], alerts.Select(a => a.WindowEnd));
        Assert.All(alerts, a =>
        {
            Assert.Null(a.UserArn);
            Assert.Equal(sources.Single(), a.SourceIp);
            Assert.Equal(spread.PrincipalArns.Order(StringComparer.Ordinal), a.UserArns!);
        });
    }

    [Fact]
    public void LowAndSlowCase_StaysUnderEveryHourlyThreshold_ThoughItsDayReachesTheLowAndSlowOne()
    {
        var slow = data.Case("low_and_slow_probing");
        var events = data.Events;

        var windows = events.Windows().Where(w => w.Arn == slow.PrincipalArn).ToList();
        var hours = events.Query<long>(
            """
            SELECT count(*) FROM events
            WHERE arn = $arn AND event_source = 'bedrock.amazonaws.com' AND error_code IS NULL
            GROUP BY date_trunc('hour', event_time) ORDER BY date_trunc('hour', event_time)
            """, new { arn = slow.PrincipalArn });

        Assert.InRange(windows.Max(w => w.Calls), 90, 99);   // under the seed rule's 500 and the baseline-break rule's floor of 100
        Assert.Equal(22, hours.Count);
        Assert.All(hours, h => Assert.Equal(95, h));
        Assert.Equal(2090, slow.SuccessfulCalls);
        // The day-long window ending 22:00 holds 21 hours (1,995 calls); the one ending 23:00 all 22 (2,090).
        var alert = Assert.Single(slow.ExpectedAlerts);
        Assert.Equal((LowAndSlow.Id, "2025-06-02T23:00:00Z", 2090L), (alert.RuleId, alert.WindowEnd, alert.Calls));
    }

    [Fact]
    public void BackgroundTraffic_NeverReachesTheThreshold()
    {
        var planted = data.Manifest.Cases.SelectMany(c => c.PrincipalArns).ToHashSet();
        var events = data.Events;

        var background = events.Windows().Where(w => !planted.Contains(w.Arn)).ToList();

        Assert.NotEmpty(background);
        Assert.True(background.Max(w => w.Calls) < 500);
        Assert.Equal(background.Max(w => w.Calls), Seed.Background.MaxWindowCalls);
    }

    [Fact]
    public void IndependentRuleEvaluation_RaisesExactlyTheManifestsSeedAlerts()
    {
        var events = data.Events;

        var candidates = events.Windows().Where(w => w.Calls >= 500);
        var raised = new List<(string Arn, string WindowEnd, long Calls)>();
        foreach (var group in candidates.GroupBy(w => (w.Arn, w.Account)))
        {
            DateTime? open = null;
            foreach (var atEnd in group.GroupBy(w => w.WindowEnd).OrderBy(g => g.Key))
            {
                if (open is null || atEnd.Key >= open.Value.AddMinutes(60))
                {
                    open = atEnd.Key;
                    raised.Add((group.Key.Arn, Iso(atEnd.Key), atEnd.Max(w => w.Calls)));
                }
            }
        }
        var expected = Seed.ExpectedAlerts.Select(a => (a.UserArn!, a.WindowEnd, a.Calls));

        Assert.Equal(expected.Order(), raised.Order());
        Assert.Equal(["2025-06-02T13:50:00Z", "2025-06-02T14:50:00Z", "2025-06-02T15:50:00Z"], WindowEnds(data.Case("sustained_probing"), Seed));
        Assert.Equal(500, data.Case("threshold_exact").ExpectedAlerts.Single(a => a.RuleId == Seed.Id).Calls);
    }

    private static List<string> WindowEnds(PlantedCase planted, ManifestRule rule) =>
        planted.ExpectedAlerts.Where(a => a.RuleId == rule.Id).Select(a => a.WindowEnd).ToList();

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
