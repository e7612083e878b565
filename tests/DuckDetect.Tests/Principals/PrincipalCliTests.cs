using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Principals.PrincipalAlerts;

namespace DuckDetect.Tests.Principals;

/// <summary>
/// <c>alerts --by-principal</c> and <c>explain</c>'s companions from the real binary, on alerts detected from events: one
/// principal's 600 calls in 50 minutes trip the probing rule and the baseline break.
/// </summary>
public sealed class PrincipalCliTests : IDisposable
{
    private readonly DetectionFixture _f = new();

    public PrincipalCliTests()
    {
        _f.Ingest(_f.Burst(600, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50)));
        _f.DetectAll(null, DetectionFixture.At("2026-03-02T04:00:00Z"));
    }

    [Fact]
    public void AlertsByPrincipal_Table_NamesTheRulesAndTheScore_JsonKeepsTheIds()
    {
        var score = ExpectedScore();
        var table = Run("alerts", "--by-principal", "--db", _f.Db.Path);
        Assert.StartsWith($"{DetectionFixture.Arn} (account {DetectionFixture.Account}): score {score}\n", table, StringComparison.Ordinal);
        Assert.Contains($"steps: {BaselineBreak.Name} -> {Probing.Name}", table, StringComparison.Ordinal);
        Assert.Contains("lookback 24 hours", table, StringComparison.Ordinal);
        Assert.Contains("| first seen (UTC)", table, StringComparison.Ordinal);
        Assert.Contains("low 21", table, StringComparison.Ordinal);
        Assert.DoesNotContain(Probing.Id, table, StringComparison.Ordinal);
        Assert.EndsWith("(1 principal view)\n", table, StringComparison.Ordinal);

        var views = JsonNode.Parse(Run("alerts", "--by-principal", "--format", "json", "--db", _f.Db.Path))!.AsArray();
        var view = Assert.Single(views)!;
        Assert.Equal(score, (int)view["score"]!);
        Assert.Equal(1440, (int)view["lookback_minutes"]!);
        Assert.Equal([BaselineBreak.Id, Probing.Id], view["rule_ids"]!.AsArray().Select(r => (string)r!));
        var timeline = view["timeline"]!.AsArray();
        Assert.Equal(_f.Db.Scalar<long>("SELECT count(*) FROM alerts"), timeline.Count);
        Assert.All(timeline, t => Assert.Matches("^2026-03-02T\\d\\d:\\d\\d:\\d\\dZ$", (string)t!["first_seen"]!));

        // a score above every view's: none, said so
        Assert.Contains("(no principal views", Run("alerts", "--by-principal", "--min-score", $"{score + 1}", "--db", _f.Db.Path), StringComparison.Ordinal);
        Assert.Equal("[]", Run("alerts", "--by-principal", "--format", "json", "--until", "2026-03-02T01:00:00Z", "--db", _f.Db.Path).Trim());
    }

    [Fact]
    public void AlertsByPrincipal_BadLookbackOrOptions_Exit64WithOneLine()
    {
        foreach (var args in new[]
                 {
                     new[] { "--lookback", "0m" }, ["--lookback", "yesterday"], ["--lookback", "400d"], ["--min-score", "101"],
                     ["--status", "open"],
                 })
        {
            var result = Support.Cli.Run(["alerts", "--by-principal", .. args, "--db", _f.Db.Path]);
            Assert.True(result.ExitCode == 64, result.ToString());
            Assert.Single(result.Stderr.Trim().Split('\n'));
        }
        var without = Support.Cli.Run("alerts", "--lookback", "2h", "--db", _f.Db.Path);
        Assert.True(without.ExitCode == 64, without.ToString());
        Assert.Contains("--by-principal", without.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ListsTheAlertsCompanionsInItsPrincipalsView()
    {
        var probing = _f.Db.Scalar<string>("SELECT alert_id FROM alerts WHERE rule_id = $rule ORDER BY first_seen LIMIT 1", new { rule = Probing.Id });
        var others = _f.Db.Query<string>("SELECT alert_id FROM alerts WHERE alert_id <> $probing ORDER BY first_seen, window_end, rule_id, alert_id", new { probing });

        var json = JsonNode.Parse(Run("explain", probing, "--format", "json", "--db", _f.Db.Path))!;
        var mine = Assert.Single(json["companions"]!.AsArray())!;
        Assert.Equal(DetectionFixture.Arn, (string?)mine["user_arn"]);
        Assert.Equal(ExpectedScore(), (int)mine["view_score"]!);
        Assert.Equal(others, mine["companions"]!.AsArray().Select(c => (string)c!["alert_id"]!));
        Assert.Contains(mine["companions"]!.AsArray(), c => (string?)c!["rule_id"] == BaselineBreak.Id);

        var table = Run("explain", probing, "--db", _f.Db.Path);
        var section = table[table.IndexOf("companions:", StringComparison.Ordinal)..table.IndexOf("\ntriage", StringComparison.Ordinal)];
        Assert.Contains("within 24 hours before or after this one", section, StringComparison.Ordinal);
        Assert.Contains($"{DetectionFixture.Arn} (account {DetectionFixture.Account}): view ", section, StringComparison.Ordinal);
        Assert.Contains(BaselineBreak.Name, section, StringComparison.Ordinal);
        Assert.Matches("(before|after|at the same time)", section);

        // a lookback of a minute leaves only what came within a minute of it
        var narrow = JsonNode.Parse(Run("explain", probing, "--format", "json", "--lookback", "1m", "--db", _f.Db.Path))!;
        Assert.All(narrow["companions"]![0]!["companions"]!.AsArray(), c => Assert.InRange((double)c!["offset_minutes"]!, -1, 1));
    }

    /// <summary>
    /// The documented score worked out here from the alerts (all within 50 minutes, one lookback): 1 - the product of
    /// (1 - risk / 100 / 4^k), k the alerts of the same rule before.
    /// </summary>
    private int ExpectedScore()
    {
        var alerts = _f.Db.Query<(string RuleId, int Risk)>("SELECT rule_id, risk_score FROM alerts ORDER BY first_seen, window_end, rule_id, alert_id");
        Assert.True(alerts.Count >= 2, "the burst should raise alerts of both rules");
        var nothing = alerts.GroupBy(a => a.RuleId)
            .SelectMany(g => g.Select((a, k) => 1 - (a.Risk / 100.0 * Math.Pow(0.25, k))))
            .Aggregate(1.0, (p, q) => p * q);
        return (int)Math.Round(100 * (1 - nothing), MidpointRounding.AwayFromZero);
    }

    private string Run(params string[] args)
    {
        var result = Support.Cli.Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public void Dispose() => _f.Dispose();
}
