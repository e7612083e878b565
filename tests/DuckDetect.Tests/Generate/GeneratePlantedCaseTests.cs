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

        Assert.Equal(["seed", "credential_distributed", "low_and_slow", "baseline_break"], data.Manifest.Rules.Take(4).Select(r => r.Key));
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal), data.Manifest.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
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
        // Invocations without guardrails: the probers and the campaign call without one, the evaluation pipeline and
        // the RAG service's embeddings are that rule's false positives, a guarded application and calls whose logging
        // stopped raise none.
        var unguarded = data.Manifest.Rule("invocations_without_guardrails");
        Assert.Equal("alert", Expected("loud_probing", unguarded));
        Assert.Equal("alert", Expected("llmjacking_campaign", unguarded));
        Assert.Equal("expected_false_positive", Expected("eval_pipeline", unguarded));
        Assert.Equal("expected_false_positive", Expected("rag_service", unguarded));
        Assert.Equal("no_alert", Expected("failures_not_counted", unguarded));
        Assert.Equal("no_alert", Expected("threshold_exact", unguarded));
        Assert.All(data.Manifest.Cases, c => Assert.Equal(data.Manifest.Rules.Select(r => r.Id), c.Expected.Keys));
        // A case a rule must not alert on raises none of its alerts, any other at least one; the rules' lists hold them.
        Assert.All(data.Manifest.Cases, c => Assert.All(data.Manifest.Rules, r =>
            Assert.Equal(c.Expected[r.Id] == "no_alert", !c.ExpectedAlerts.Any(a => a.RuleId == r.Id))));
        Assert.Equal(
            data.Manifest.Rules.SelectMany(r => r.ExpectedAlerts).Where(a => a.Case is not null).Select(a => $"{a.Case} {a.AlertId}").Order(StringComparer.Ordinal),
            data.Manifest.Cases.SelectMany(c => c.ExpectedAlerts.Select(a => $"{c.Name} {a.AlertId}")).Order(StringComparer.Ordinal));
        Assert.All(data.Manifest.Rules.Where(r => r.Key != "invocation_logging_blind_spot"), r => Assert.Equal(0, r.Background.Alerts));
        // the blind spot's alerts name no principal: the planted logging stop's, listed under the rule
        Assert.True(data.Manifest.Rule("invocation_logging_blind_spot").Background.MayAlert);
        Assert.NotEmpty(data.Manifest.Rule("invocation_logging_blind_spot").ExpectedAlerts);
        Assert.Equal(10, data.Case("distributed_probing").PrincipalArns.Count);
    }

    /// <summary>
    /// Every event rule has one fire case, which raises exactly one alert, of that rule only, and one near miss, which
    /// raises none; each is one principal of its own, seen in no other case.
    /// </summary>
    [Fact]
    public void Manifest_PlantsAFireAndANearMissForEveryEventRule()
    {
        var eventRules = data.Manifest.Rules.Where(r => r.Parameters.Type != "threshold" && r.Parameters.Reads == "cloudtrail").ToList();
        Assert.Equal(19, eventRules.Count);
        Assert.All(eventRules, rule =>
        {
            var fire = Assert.Single(data.Manifest.Cases, c => c.Kind == "fire" && c.RuleId == rule.Id);
            var miss = Assert.Single(data.Manifest.Cases, c => c.Kind == "near_miss" && c.RuleId == rule.Id);
            Assert.Equal("alert", fire.Expected[rule.Id]);
            var alert = Assert.Single(fire.ExpectedAlerts);
            Assert.Equal((rule.Id, fire.PrincipalArn), (alert.RuleId, alert.UserArn));
            Assert.Contains(alert, rule.ExpectedAlerts);
            Assert.All(miss.Expected.Values, e => Assert.Equal("no_alert", e));
            Assert.Empty(miss.ExpectedAlerts);
        });
        var principals = data.Manifest.Cases.SelectMany(c => c.PrincipalArns).ToList();
        Assert.Equal(principals.Count, principals.Distinct().Count());
    }

    /// <summary>
    /// The campaign: one long-term key from one VPN address, every step of the attack in order, and the alerts of eight
    /// rules, each where its step is (its enumeration calls show no guardrail: invocations without guardrails).
    /// </summary>
    [Fact]
    public void Campaign_TakesEveryStepWithOneKeyFromOneAddress()
    {
        var campaign = Assert.Single(data.Manifest.Cases, c => c.Kind == "campaign");
        var events = data.Events.Query<(string EventName, string? ErrorCode, string SourceIp, string Region)>(
            "SELECT event_name, error_code, source_ip, aws_region FROM events WHERE arn = $arn ORDER BY event_time, event_name",
            new { arn = campaign.PrincipalArn }).ToList();

        Assert.Equal(["203.0.113.66"], campaign.SourceIps);
        Assert.Equal(["GetCallerIdentity", "ListFoundationModels"], events.Take(2).Select(e => e.EventName));
        var enumeration = events.Skip(2).Take(6).ToList();
        Assert.All(enumeration, e => Assert.Contains(e.ErrorCode, new[] { "ValidationException", "AccessDeniedException" }));
        Assert.Equal(3, enumeration.Select(e => e.Region).Distinct().Count());
        Assert.Equal(
            ["GetModelInvocationLoggingConfiguration", "PutUseCaseForModelAccess", "CreateFoundationModelAgreement",
             "PutFoundationModelEntitlement", "DeleteModelInvocationLoggingConfiguration", "DeleteGuardrail"],
            events.Skip(8).Take(6).Select(e => e.EventName));
        Assert.Equal(600, events.Skip(14).Count(e => e.EventName == "InvokeModel" && e.ErrorCode is null));
        Assert.Equal(14 + 600, events.Count);
        var rules = campaign.ExpectedAlerts.Select(a => data.Manifest.Rules.Single(r => r.Id == a.RuleId).Key).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["baseline_break", "guardrail_weakened", "invocation_logging_disabled", "invocations_without_guardrails", "llmjacking_enumeration", "model_access_enabled",
            "recon_then_invoke_long_term_key", "seed"], rules);
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
        // The day-long window ending 22:00 holds 21 hours (1,995 calls); the one ending 23:00 all 22 (2,090). Its
        // other alerts are of the rule over its invocation logs (its calls show no guardrail).
        var alert = Assert.Single(slow.ExpectedAlerts, a => data.Manifest.Rules.Single(r => r.Id == a.RuleId).Parameters.Reads == "cloudtrail");
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
