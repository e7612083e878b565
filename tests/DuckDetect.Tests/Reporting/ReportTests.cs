using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using DuckDetect.Core.Reporting;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;
using SkiaSharp;

namespace DuckDetect.Tests.Reporting;

/// <summary>
/// duckdetect report: the quickstart's report opened in headless Chromium, a report of 10,000 alerts, and the
/// thresholds of baseline breaks.
/// </summary>
[Collection(QuickstartReportCollection.Name)]
public sealed partial class ReportTests(QuickstartReport quickstart)
{
    private static readonly RuleDefinition BaselineRule = RuleCatalog.Get("1934bd11-f476-48cd-a252-1ccf6ad54042");

    [Fact]
    public void Report_Quickstart_RendersItsChartsInHeadlessChromium()
    {
        var html = quickstart.HtmlPath;
        var text = quickstart.Html;

        // Self-contained: nothing to fetch (the only URL is SVG's namespace), no script.
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ExternalUrl().Matches(text).Select(m => m.Value), u => !u.StartsWith("http://www.w3.org/", StringComparison.Ordinal));
        // alerts per day, 6 principal views, 12 principals and source IPs, a tuning curve per rule, run durations
        var charts = 1 + 6 + 12 + RuleCatalog.All.Count + 1;
        Assert.Equal(charts, ChartFigure().Matches(text).Count);
        foreach (var section in new[] { "Alerts per day", "Principals by combined score", "Alerting principals", "Tuning the threshold", "Near-misses", "Run health", "Latest alerts" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        // Laid out: every chart's SVG has a size on the page and drawn elements (a copy with a probe script).
        var probe = Path.Combine(quickstart.Database.Folder, "probe.html");
        File.WriteAllText(probe, ContentPolicy().Replace(text, "").Replace("</body>",
            "<script>document.body.setAttribute('data-layout', JSON.stringify([...document.querySelectorAll('figure.chart svg')]" +
            ".map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height, s.querySelectorAll('path, rect, text').length]; })));</script></body>",
            StringComparison.Ordinal));
        var dom = HeadlessChromium.DumpDom(probe);
        var layout = JsonNode.Parse(System.Net.WebUtility.HtmlDecode(LayoutAttribute().Match(dom).Groups[1].Value))!.AsArray();
        Assert.Equal(charts, layout.Count);
        Assert.All(layout, chart =>
        {
            Assert.InRange((double)chart![0]!, 600, 1200);
            // the tallest: alerts per day, a legend line per rule and status (25 rules alert on the quickstart); a principal view, a row per step
            Assert.InRange((double)chart[1]!, 150, 900);
            Assert.True((int)chart[2]! > 20, chart.ToJsonString());
        });

        // Rendered: the screenshot's charts are drawn, not blank.
        var png = Path.Combine(quickstart.Database.Folder, "report.png");
        HeadlessChromium.Screenshot(html, png, 1400);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(1280, bitmap.Width);
        var colours = new HashSet<uint>();
        long inked = 0;
        for (var y = 100; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200)
                {
                    inked++;
                }
            }
        }
        Assert.True(colours.Count > 200, $"{colours.Count} colours");
        Assert.True(inked > 20_000, $"{inked} inked pixels");
    }

    [Fact]
    public void Report_TenThousandAlerts_CapsEachListAndSaysWhatItLeftOut()
    {
        var html = ReportOf(
                """
                INSERT INTO alerts BY NAME
                SELECT md5(i::VARCHAR) AS alert_id, $rule AS rule_id, 'rule' AS rule_name, 'medium' AS severity, 47 AS risk_score,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60) AS window_end,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60 - 60) AS window_start,
                       'arn:aws:iam::111122223333:user/u' || (i % 2000) AS user_arn, '111122223333' AS account_id,
                       'model-' || (i % 7) AS model_id, 500 + i % 300 AS inference_call_count,
                       [] AS event_actions, [] AS source_ips, [] AS user_agents, [] AS identity_types, [] AS access_key_ids,
                       [] AS regions, [] AS source_as_orgs,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60 - 50) AS first_seen,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60 - 1) AS last_seen,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60) AS suppression_start,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_minutes(i * 60) AS suppression_end,
                       0 AS suppressed_count, now() AS created_at, now() AS updated_at
                FROM range(10000) t(i)
                """, RuleCatalog.Get().Id);

        Assert.InRange(html.Length, 10_000, 3_000_000);
        // alerts without a timeline (none was written here) get a line that says so, not an empty chart; the principal
        // views need the alerts only
        Assert.Equal(1 + 6 + RuleCatalog.All.Count, ChartFigure().Matches(html).Count);
        Assert.Contains("Shown: 6 of 10,000 principal views charted", html, StringComparison.Ordinal);
        Assert.Contains("Shown: 20 of 10,000 principal views in the table", html, StringComparison.Ordinal);
        Assert.Equal(12, Regex.Matches(html, "no timeline stored for these alerts").Count);
        Assert.Contains("Shown: 12 of 2,000 charts", html, StringComparison.Ordinal);
        Assert.Contains("Shown: 100 of 2,000 principals and source IPs in the table", html, StringComparison.Ordinal);
        Assert.Contains("Shown: 200 of 10,000 alerts", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_BaselineBreaks_DrawEachAlertsThresholdFromItsBaseline()
    {
        // three alerts of one principal, six hours apart, with baselines of 30, 0 and 12.5 calls per hour
        var html = ReportOf(
                """
                INSERT INTO alerts BY NAME
                SELECT 'b' || i AS alert_id, $rule AS rule_id, 'rule' AS rule_name, 'low' AS severity, 21 AS risk_score,
                       TIMESTAMPTZ '2026-01-01 00:00:00+00' + to_hours(i * 6) AS window_start,
                       TIMESTAMPTZ '2026-01-01 01:00:00+00' + to_hours(i * 6) AS window_end,
                       'arn:aws:iam::111122223333:user/steady' AS user_arn, '111122223333' AS account_id, 'model-a' AS model_id,
                       400 AS inference_call_count, [] AS event_actions, [] AS source_ips, [] AS user_agents, [] AS identity_types,
                       [] AS access_key_ids, [] AS regions, [] AS source_as_orgs, window_start AS first_seen, window_end AS last_seen,
                       window_end AS suppression_start, window_end + INTERVAL 20 MINUTE AS suppression_end, 2 AS suppressed_count,
                       now() AS created_at, now() AS updated_at, [30.0, 0.0, 12.5][i + 1] AS baseline_calls_per_hour
                FROM range(3) t(i);
                INSERT INTO alert_timeline BY NAME
                SELECT a.alert_id, a.rule_id, a.user_arn, a.account_id, a.model_id, g.bucket_start,
                       g.bucket_start + INTERVAL 10 MINUTE AS bucket_end, 60 AS calls, 360 AS window_calls,
                       g.bucket_start >= a.window_start AND g.bucket_start < a.suppression_end AS in_alert, 1 AS detect_run_id
                FROM alerts a, LATERAL (SELECT unnest(generate_series(a.window_start - INTERVAL 1 HOUR, a.suppression_end + INTERVAL 50 MINUTE, INTERVAL 10 MINUTE)) AS bucket_start) g;
                """, BaselineRule.Id);

        var chart = ReportFigure.All(html).Single(f => f.Kind == "alerts");
        Assert.Equal(BaselineRule.Id, chart["data-rules"]);
        Assert.Contains($"threshold per alert 100–300 = max(100, 10 × its baseline calls/h): {BaselineRule.Name}", chart.Texts);
        Assert.DoesNotContain(chart.Texts, t => t.StartsWith("threshold 100", StringComparison.Ordinal));
        Assert.Contains("here 100–300 (baseline 0–30 calls/h)", chart.Caption, StringComparison.Ordinal);
        Assert.All(chart.AxisDates(), d => Assert.InRange(d, new DateTime(2025, 12, 31, 23, 0, 0), new DateTime(2026, 1, 1, 15, 0, 0)));
    }

    /// <summary>The report of a throwaway database filled by <paramref name="sql"/> (its <c>$rule</c> is <paramref name="ruleId"/>).</summary>
    private static string ReportOf(string sql, string ruleId)
    {
        using var db = new TempDatabase();
        using (var session = db.Open())
        {
            session.Connection.Execute(sql, new { rule = ruleId });
        }
        using (var session = db.Open())
        {
            return HtmlReport.Build(session, new ReportRequest());
        }
    }

    [GeneratedRegex("""<figure class="chart" """)]
    private static partial Regex ChartFigure();

    [GeneratedRegex("""https?://[^\s"'<>)]+""")]
    private static partial Regex ExternalUrl();

    [GeneratedRegex("""<meta http-equiv="Content-Security-Policy"[^>]*>""")]
    private static partial Regex ContentPolicy();

    [GeneratedRegex("""data-layout="([^"]*)""")]
    private static partial Regex LayoutAttribute();
}
