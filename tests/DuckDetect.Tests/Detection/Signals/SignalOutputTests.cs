using System.Text.Json.Nodes;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Publishing;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Detection.Signals.SignalKit;

namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// Where analysts meet the content signals: the analyst database (a full publish, and an update after late
/// invocation logs changed them), and `duckdetect explain` as text and JSON, unknown signals said as unknown.
/// </summary>
public sealed class SignalOutputTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public SignalOutputTests() => Burst(_f);

    public void Dispose() => _f.Dispose();

    private static List<InvocationCall> Resampled(DateTimeOffset start) =>
        Calls(40, (i, c) => c with { Prompt = DiversePrompt(i % 10), Output = $"variant {i}", OutputTokens = 300 }, start);

    private static List<string> PublishedSignals(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection.Query<string>(
            "SELECT to_json(s)::VARCHAR || ' ' || a.severity FROM alert_content_signals s JOIN alerts a USING (alert_id) ORDER BY alert_id").ToList();
    }

    private List<string> JobSignals() => _f.Db.Query<string>(
        "SELECT to_json(s)::VARCHAR || ' ' || a.severity FROM alert_content_signals s JOIN alerts a USING (alert_id) ORDER BY alert_id");

    [Fact]
    public void Publish_CarriesTheSignals_AndAnUpdateAfterLateInvocationsEqualsAFreshFile()
    {
        Invocations(_f, Resampled(BurstStart));
        _f.Detect(null, DetectTo.ToString("O"));
        var target = new PublishTarget(Path.Combine(_f.Db.Folder, "analyst.duckdb"), 7);
        var fresh = new PublishTarget(Path.Combine(_f.Db.Folder, "fresh.duckdb"), 7);
        using (var session = _f.Db.Open())
        {
            Assert.Equal("full", AnalystDatabase.Publish(session, target, DetectTo).Mode);
        }
        var first = PublishedSignals(target.Path);
        Assert.Equal(JobSignals(), first);
        Assert.EndsWith(" high", Assert.Single(first), StringComparison.Ordinal);

        // History as resampled arrives late: the verdict goes, the update carries the new signals and severity.
        Invocations(_f, Resampled(BurstStart.AddDays(-2)));
        _f.Detect(null, DetectTo.ToString("O"));
        using (var session = _f.Db.Open())
        {
            var update = AnalystDatabase.Publish(session, target, DetectTo.AddMinutes(10));
            Assert.Equal("update", update.Mode);
            Assert.Contains("signals", update.Parts);
            AnalystDatabase.Publish(session, fresh, DetectTo.AddMinutes(10), allowUpdate: false);
        }
        var updated = PublishedSignals(target.Path);
        Assert.EndsWith(" medium", Assert.Single(updated), StringComparison.Ordinal);
        Assert.Equal(JobSignals(), updated);
        Assert.Equal(PublishedSignals(fresh.Path), updated);
    }

    [Fact]
    public void Explain_ShowsTheVerdictAndEachSignalBesideTheBaseline_AsTextAndJson()
    {
        Invocations(_f, Resampled(BurstStart));
        _f.Detect(null, DetectTo.ToString("O"));
        var alertId = _f.Alerts().Single().AlertId;

        var text = Support.Cli.Run("explain", alertId, "--db", _f.Db.Path);
        var json = Support.Cli.Run("explain", alertId, "--db", _f.Db.Path, "--format", "json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("verdict  templated or repetitive probing pattern (severity raised one step from the rule's medium)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("bounds crossed  resampled, repetitive; by the baseline: unknown (fewer than 20 prompts hashed)", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"distinct_prompt_ratio\s+0\.25\s+unknown", text.Stdout);
        Assert.Matches(@"max_prompt_repeats\s+4\s+unknown", text.Stdout);
        Assert.Contains("does not show that membership inference happened", text.Stdout, StringComparison.Ordinal);
        var signals = JsonNode.Parse(json.Stdout)!["content_signals"]!;
        Assert.Equal("templated or repetitive probing pattern", (string?)signals["verdict"]);
        Assert.True((bool)signals["severity_raised"]!);
        Assert.Equal(40, (int)signals["invocations"]!);
        var ratio = signals["signals"]!.AsArray().Single(s => (string?)s!["signal"] == "distinct_prompt_ratio")!;
        Assert.Equal(0.25, (double)ratio["alert"]!);
        Assert.Null(ratio["baseline"]);
        Assert.Equal("high", (string?)JsonNode.Parse(json.Stdout)!["alert"]!["severity"]);
    }

    [Fact]
    public void Explain_WithoutInvocationRecords_SaysUnknown()
    {
        _f.Detect(null, DetectTo.ToString("O"));
        var alertId = _f.Alerts().Single().AlertId;

        var text = Support.Cli.Run("explain", alertId, "--db", _f.Db.Path);
        var json = Support.Cli.Run("explain", alertId, "--db", _f.Db.Path, "--format", "json");

        Assert.Contains("verdict  unknown", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("no invocation log records of the alert's calls: every signal is unknown", text.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"distinct_prompt_ratio\s+unknown\s+unknown", text.Stdout);
        Assert.DoesNotMatch(@"distinct_prompt_ratio\s+0\s", text.Stdout);
        var signals = JsonNode.Parse(json.Stdout)!["content_signals"]!;
        Assert.Equal("unknown", (string?)signals["verdict"]);
        Assert.Null(signals["probing_pattern"]);
        Assert.All(signals["signals"]!.AsArray(), s => Assert.Null(s!["alert"]));
    }

    [Fact]
    public void Report_ListsTheLatestAlertsSeverityVerdictAndSignals()
    {
        Invocations(_f, Resampled(BurstStart));
        // A second principal's alert without invocation records: its signals are unknown.
        _f.Ingest(_f.Burst(600, BurstStart, TimeSpan.FromHours(1),
            e => ((Dictionary<string, object?>)e["userIdentity"]!)["arn"] = "arn:aws:iam::111122223333:user/unlogged"));
        _f.Detect(null, DetectTo.ToString("O"));

        string html;
        using (var session = _f.Db.Open())
        {
            html = Core.Reporting.HtmlReport.Build(session, new Core.Reporting.ReportRequest());
        }
        var section = html[html.IndexOf("<h3 id=\"content-signals\">", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("</table>", StringComparison.Ordinal)];

        Assert.Contains("<td>probing pattern (raised)</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>high</td><td>resampled, repetitive / no history</td><td>40 / 0</td><td>0.25</td><td>4</td>", section, StringComparison.Ordinal);
        Assert.Contains("<td>medium</td><td>unknown / no history</td><td>0 / 0</td><td>unknown</td><td>unknown</td>", section, StringComparison.Ordinal);
        var file = Path.Combine(_f.Db.Folder, "report.html");
        File.WriteAllText(file, html);
        var dom = HeadlessChromium.DumpDom(file);
        Assert.Contains("Content signals of these alerts", dom, StringComparison.Ordinal);
    }
}
