using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using DuckDetect.Core.Reporting;
using DuckDetect.Tests.Investigation;
using DuckDetect.Tests.Support;
using SkiaSharp;

namespace DuckDetect.Tests.Reporting;

/// <summary>duckdetect report: the quickstart's report opened in headless Chromium, and a report of 10,000 alerts.</summary>
[Collection(QuickstartCollection.Name)]
public sealed partial class ReportTests(QuickstartDatabase quickstart)
{
    private readonly DetectionFixture _fx = quickstart.Fx;

    [Fact]
    public void Report_Quickstart_RendersItsChartsInHeadlessChromium()
    {
        var html = Path.Combine(_fx.Db.Folder, "report.html");
        var result = Support.Cli.Run("report", "--db", _fx.Db.Path, "--out", html, "--to", "2026-03-03");
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(html);

        // Self-contained: nothing to fetch (the only URL is SVG's namespace), no script.
        Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ExternalUrl().Matches(text).Select(m => m.Value), u => !u.StartsWith("http://www.w3.org/", StringComparison.Ordinal));
        // alerts per day, 5 principals, a tuning curve per rule, run durations
        var charts = 1 + 5 + DuckDetect.Core.Rules.RuleCatalog.All.Count + 1;
        Assert.Equal(charts, ChartFigure().Matches(text).Count);
        foreach (var section in new[] { "Alerts per day", "Alerting principals", "Tuning the threshold", "Near-misses", "Run health", "Latest alerts" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        // Laid out: every chart's SVG has a size on the page and drawn elements (a copy with a probe script).
        var probe = Path.Combine(_fx.Db.Folder, "probe.html");
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
            Assert.InRange((double)chart[1]!, 150, 400);
            Assert.True((int)chart[2]! > 20, chart.ToJsonString());
        });

        // Rendered: the screenshot's charts are drawn, not blank.
        var png = Path.Combine(_fx.Db.Folder, "report.png");
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
        using var db = new TempDatabase();
        using (var session = db.Open())
        {
            session.Connection.Execute(
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
                """, new { rule = _fx.Rule.Id });
        }

        string html;
        using (var session = db.Open())
        {
            html = HtmlReport.Build(session, new ReportRequest());
        }

        Assert.InRange(html.Length, 10_000, 3_000_000);
        Assert.Equal(1 + 12 + DuckDetect.Core.Rules.RuleCatalog.All.Count, ChartFigure().Matches(html).Count);
        Assert.Contains("Shown: 12 of 2,000 principals charted", html, StringComparison.Ordinal);
        Assert.Contains("Shown: 100 of 2,000 principals in the table", html, StringComparison.Ordinal);
        Assert.Contains("Shown: 200 of 10,000 alerts", html, StringComparison.Ordinal);
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
