using System.Globalization;
using Dapper;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Reporting;

/// <summary>
/// The charts of the quickstart's report (every rule), read as a reader reads them: what each is of, which rule's
/// threshold it draws, and over which dates.
/// </summary>
[Collection(QuickstartReportCollection.Name)]
public sealed class ReportChartTests(QuickstartReport report)
{
    private const string SeedRule = "56312ef5-656c-4bf7-ad9a-affed052b102";
    private const string CredentialDistributedRule = "ad077b94-32a3-470b-82cf-05975564baa9";
    private const string LowAndSlowRule = "103f83b8-f5d2-4d42-9fcb-ecb7900e1c56";
    private const string BaselineRule = "1934bd11-f476-48cd-a252-1ccf6ad54042";

    /// <summary>The rules with alerts on the quickstart: every rule (the event rules on their planted cases and the campaign).</summary>
    private List<string> AlertingRules => report.Database.Query<string>("SELECT DISTINCT rule_id FROM alerts").ToList();

    /// <summary>The threshold rules with alerts: the ones whose calls the alert charts draw against their thresholds.</summary>
    private List<string> ChartedRules => AlertingRules.Where(r => RuleCatalog.Get(r).IsThreshold).ToList();

    private IEnumerable<ReportFigure> AlertCharts => report.Figures.Where(f => f.Kind == "alerts");

    [Fact]
    public void Report_Quickstart_CountsPrincipalsAndSourceIpsApart()
    {
        Assert.Contains("<b>134</b> alert(s) from <b>39</b> principal(s) and <b>1</b> source IP(s) of alerts with no single principal", report.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Quickstart_AlertsPerDayNamesEachRule()
    {
        var perDay = report.Figures.Single(f => f.Kind == "alerts-per-day");
        foreach (var rule in AlertingRules.Select(RuleCatalog.Get))
        {
            Assert.True(perDay.Shows($"{rule.Name}: open"), string.Join(" | ", perDay.Texts));
        }
        Assert.DoesNotContain(perDay.Texts, t => t.Contains('…', StringComparison.Ordinal));
        // every rule alerts on the quickstart but eleven of the twelve over invocation logs, which nothing planted reaches
        Assert.Equal(RuleCatalog.All.Count - 11, AlertingRules.Count);
        Assert.Equal(4, ChartedRules.Count);
    }

    [Fact]
    public void Report_Quickstart_EveryChartHasDataAndItsDatesLieInItsData()
    {
        // No date on any chart before the database's first event or run (ScottPlot's axis without data: 1899).
        var earliest = Scalar<double>("SELECT least((SELECT epoch(min(event_time)) FROM cloudtrail_events), (SELECT epoch(min(started_at)) FROM ingest_runs))");
        foreach (var figure in report.Figures)
        {
            Assert.All(figure.AxisDates(), d => Assert.True(d >= Utc(earliest).AddDays(-1), $"{d:O} on {Describe(figure)}"));
        }

        var alertCharts = AlertCharts.ToList();
        Assert.Equal(12, alertCharts.Count);
        foreach (var chart in alertCharts)
        {
            var data = Data(chart);
            Assert.True(data.Buckets > 0, Describe(chart));
            Assert.True(int.Parse(chart["data-points"]!, CultureInfo.InvariantCulture) >= data.Buckets, Describe(chart));
            var dates = chart.AxisDates();
            Assert.True(dates.Count >= 3, Describe(chart));
            Assert.All(dates, d => Assert.InRange(d, Utc(data.First).AddHours(-1), Utc(data.Last).AddHours(1)));
        }

        var days = report.Database.Query<double>("SELECT DISTINCT epoch(date_trunc('day', window_end)) FROM alerts").ToList();
        Assert.All(report.Figures.Single(f => f.Kind == "alerts-per-day").AxisDates(),
            d => Assert.InRange(d, Utc(days.Min()).AddDays(-1), Utc(days.Max()).AddDays(2)));
        var runs = report.Database.Query<double>("SELECT epoch(started_at) FROM detect_runs UNION ALL SELECT epoch(started_at) FROM ingest_runs").ToList();
        var slack = TimeSpan.FromDays(Math.Max((runs.Max() - runs.Min()) / 86400 / 10, 1.0 / 24));
        Assert.All(report.Figures.Single(f => f.Kind == "run-durations").AxisDates(),
            d => Assert.InRange(d, Utc(runs.Min()) - slack - TimeSpan.FromDays(1), Utc(runs.Max()) + slack));
    }

    [Fact]
    public void Report_Quickstart_EachAlertChartNamesItsRulesAndDrawsEachOnesThreshold()
    {
        var charted = new HashSet<string>();
        foreach (var chart in AlertCharts)
        {
            var rules = chart["data-rules"]!.Split(',').Select(RuleCatalog.Get).ToList();
            foreach (var rule in rules)
            {
                charted.Add(rule.Id);
                Assert.True(chart.Shows(rule.Name), $"{rule.Name} not in the title of {Describe(chart)}");
                Assert.Contains(rule.Name, chart.Caption, StringComparison.Ordinal);
                // the baseline rule compares with max(floor, factor x baseline): the quickstart's baselines are all 0
                var expected = rule.Id == BaselineRule
                    ? $"threshold {N(rule.Threshold)} = max({N(rule.Threshold)}, {rule.Settings.Get("factor")} × baseline 0 calls/h): {rule.Name}"
                    : $"threshold {N(rule.Threshold)}: {rule.Name}";
                Assert.True(chart.Texts.Contains(expected), $"no '{expected}' in {Describe(chart)}");
            }
            // no other rule's threshold
            var drawn = chart.Texts.Where(t => t.StartsWith("threshold ", StringComparison.Ordinal)).ToList();
            Assert.Equal(rules.Count, drawn.Count);
        }
        // each rule's busiest subject is charted first, so every threshold rule that alerted is seen; an event rule's
        // alert (hits, no calls against a threshold) is in no alert chart
        Assert.Equal(ChartedRules.Order(), charted.Order());
        Assert.Contains(AlertCharts, c => c["data-rules"] == BaselineRule && !c.Texts.Any(t => t.StartsWith("threshold 500", StringComparison.Ordinal)));
        Assert.Contains(AlertCharts, c => c["data-rules"]!.Split(',').Contains(SeedRule) && c.Texts.Any(t => t.StartsWith("threshold 500: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Report_Quickstart_CredentialDistributedAlerts_ChartTheSourceIpsCallsByPrincipal()
    {
        var rule = RuleCatalog.Get(CredentialDistributedRule);
        var alert = report.Database.Query<(string SourceIp, string Account, string Model, string Principals)>(
            "SELECT source_ip, account_id, model_id, array_to_string(user_arns, ',') FROM alerts WHERE rule_id = $rule ORDER BY window_end LIMIT 1",
            new { rule = rule.Id }).Single();
        var chart = AlertCharts.Single(c => c["data-rules"] == rule.Id);

        Assert.Equal(alert.SourceIp, chart["data-subject"]);
        Assert.True(chart.Shows($"source IP {alert.SourceIp} (account {alert.Account})"), Describe(chart));
        Assert.True(chart.Shows($"model {alert.Model}"), Describe(chart));
        Assert.True(chart.Shows(rule.Name), Describe(chart));
        // one stack per principal, named by its ARN after the account
        Assert.All(alert.Principals.Split(','), arn => Assert.Contains(arn.Split(':', 6)[5], chart.Texts));
        Assert.Contains($"the source IP's calls of the 60 min window ending there: {alert.Model}", chart.Texts);
        Assert.Contains("10 principals", chart.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Quickstart_LowAndSlowAlert_DrawsItsHoursAgainstTheHourCapAndItsDayAgainstTheThreshold()
    {
        var rule = RuleCatalog.Get(LowAndSlowRule);
        var alert = report.Database.Query<(long Calls, long ActiveHours, long MaxHourCalls)>(
            "SELECT inference_call_count, active_hours, max_hour_calls FROM alerts WHERE rule_id = $rule", new { rule = rule.Id }).Single();
        var chart = AlertCharts.Single(c => c["data-rules"] == rule.Id);

        Assert.Contains($"threshold {N(rule.Threshold)}: {rule.Name}", chart.Texts);
        Assert.Contains($"hour cap {N(rule.Settings.Get("hour_cap"))} (right axis), every hour under it: {rule.Name}", chart.Texts);
        Assert.Contains("calls in the 24 h window", chart.Texts);
        Assert.Contains("calls per hour", chart.Texts);
        Assert.Contains("calls per hour (all models, right axis)", chart.Texts);
        Assert.Contains($"{N(alert.Calls)} calls in {alert.ActiveHours} hours, the busiest hour {alert.MaxHourCalls}", chart.Caption, StringComparison.Ordinal);
        // its hourly buckets: a day's window of them at least
        Assert.True(int.Parse(chart["data-points"]!, CultureInfo.InvariantCulture) >= 24, Describe(chart));
    }

    [Fact]
    public void Report_Quickstart_PrincipalViewCharts_DrawEachViewsStepsWithinItsAlerts()
    {
        var charts = report.Figures.Where(f => f.Kind == "principal-view").ToList();
        Assert.Equal(6, charts.Count);
        var scores = new List<int>();
        foreach (var chart in charts)
        {
            // the principal's alerts (its own, and those it shares): the chart's data
            var alerts = report.Database.Query<(string RuleId, double First, double Until)>(
                """
                SELECT rule_id, epoch(first_seen), epoch(greatest(last_seen, suppression_end)) FROM alerts
                WHERE (user_arn = $subject OR list_contains(user_arns, $subject)) AND account_id IS NOT DISTINCT FROM $account
                """, new { subject = chart["data-subject"], account = chart["data-account"] }).ToList();
            Assert.NotEmpty(alerts);
            Assert.True(int.Parse(chart["data-points"]!, CultureInfo.InvariantCulture) > 0, Describe(chart));
            var rules = chart["data-rules"]!.Split(',');
            Assert.Subset(alerts.Select(a => a.RuleId).ToHashSet(), rules.ToHashSet());
            for (var step = 0; step < rules.Length; step++)
            {
                Assert.True(chart.Shows($"step {step + 1}: {RuleCatalog.Get(rules[step]).Name}"), Describe(chart));
            }
            Assert.True(chart.Shows($"{chart["data-subject"]} (account {chart["data-account"]})"), Describe(chart));
            Assert.Contains("combined score", chart.Texts);
            var dates = chart.AxisDates();
            Assert.True(dates.Count >= 3, Describe(chart));
            Assert.All(dates, d => Assert.InRange(d, Utc(alerts.Min(a => a.First)).AddHours(-2), Utc(alerts.Max(a => a.Until)).AddHours(2)));
            var score = int.Parse(System.Text.RegularExpressions.Regex.Match(chart.Caption, @"Score (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(score, 1, 100);
            scores.Add(score);
        }
        // the highest scores first
        Assert.Equal(scores.OrderDescending(), scores);
    }

    /// <summary>The alerts a chart shows (its subject's, of its rules) and their windows' and timelines' range.</summary>
    private (double First, double Last, long Buckets) Data(ReportFigure chart) =>
        report.Database.Query<(double First, double Last, long Buckets)>(
            """
            WITH a AS (
                SELECT alert_id, window_start, suppression_end FROM alerts
                WHERE list_contains(string_split($rules, ','), rule_id) AND account_id IS NOT DISTINCT FROM $account
                  AND CASE WHEN user_arns IS NULL THEN user_arn ELSE source_ip END = $subject
            ),
            t AS (SELECT * FROM alert_timeline WHERE alert_id IN (SELECT alert_id FROM a))
            SELECT epoch(least((SELECT min(window_start) FROM a), (SELECT min(bucket_start) FROM t))),
                   epoch(greatest((SELECT max(suppression_end) FROM a), (SELECT max(bucket_end) FROM t))),
                   (SELECT count(DISTINCT (model_id, bucket_start)) FROM t)
            """, new { rules = chart["data-rules"], account = chart["data-account"], subject = chart["data-subject"] }).Single();

    private T Scalar<T>(string sql) => report.Database.Query<T>(sql).Single();

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static DateTime Utc(double epochSeconds) => DateTime.UnixEpoch.AddSeconds(epochSeconds);

    private static string Describe(ReportFigure figure) => string.Join(" | ", figure.Texts.Take(4)) + " … " + string.Join(" | ", figure.Texts.TakeLast(8));
}
