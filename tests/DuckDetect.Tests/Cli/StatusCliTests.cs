using System.Text.Json.Nodes;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>duckdetect status: what operators check, and --max-lag for monitoring.</summary>
public sealed class StatusCliTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempDatabase _db = new();

    private JsonObject Status(params string[] extra)
    {
        var result = Support.Cli.Run(["status", "--db", _db.Path, "--format", "json", .. extra]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!.AsObject();
    }

    [Fact]
    public void Status_AfterARun_ShowsEventsRunsRulesFailuresAndFiles()
    {
        ProbingInput.Write(_db, "probe", Start);
        File.WriteAllText(Path.Combine(_db.InputFolder, "broken.json"), "{\"Records\": [");
        var to = DateTimeOffset.UtcNow.AddHours(-2);
        Assert.Equal(65, Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", to.ToString("o"), .. SeedRule.Only]).ExitCode);

        var status = Status();

        Assert.Equal(600, (int?)status["events"]!["stored"]);
        Assert.Equal("2026-03-02T02:00:00Z", (string?)status["events"]!["first_event"]);
        Assert.True((double?)status["events"]!["ingest_lag_minutes"] > 60 * 24);
        Assert.Equal((2, 1, 1), ((int?)status["last_ingest"]!["files_listed"], (int?)status["last_ingest"]!["files_loaded"], (int?)status["last_ingest"]!["files_failed"]));
        Assert.Equal(1, (int?)status["last_detect"]![0]!["alerts_new"]);
        var rule = status["rules"]![0]!;
        Assert.Equal(0, (int?)rule["pending_windows"] - 12);
        Assert.InRange((double)rule["detection_lag_minutes"]!, 120, 140);
        Assert.Equal(1, (int?)status["failed_files"]!["count"]);
        Assert.EndsWith("broken.json", (string?)status["failed_files"]!["newest_path"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)status["failed_files"]!["newest_error"]));
        Assert.True((bool?)status["published"]!["exists"]);
        Assert.InRange((double)status["published"]!["age_minutes"]!, 0, 5);
        Assert.True((long?)status["database"]!["bytes"] > 0);
    }

    [Fact]
    public void Status_MaxLag_ExitsLaggingOnlyWhenDetectionIsFurtherBehind()
    {
        ProbingInput.Write(_db, "probe", Start);
        var to = DateTimeOffset.UtcNow.AddMinutes(-90);
        Assert.Equal(0, Support.Cli.Run("run", _db.InputFolder, "--db", _db.Path, "--to", to.ToString("o")).ExitCode);

        var behind = Support.Cli.Run("status", "--db", _db.Path, "--max-lag", "60");
        var within = Support.Cli.Run("status", "--db", _db.Path, "--max-lag", "180");

        Assert.Equal(69, behind.ExitCode);
        Assert.Contains("detection lags", behind.Stderr, StringComparison.Ordinal);
        Assert.Contains("rule", behind.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, within.ExitCode);
        // the rules over invocation logs, in a database without any, wait for input: they never count as lagging
        Assert.Contains("no input yet", within.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("never evaluated", within.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_RuleNeverEvaluated_LagsWithoutEnd()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path).ExitCode);

        var result = Support.Cli.Run("status", "--db", _db.Path, "--max-lag", "100000");

        Assert.Equal(69, result.ExitCode);
        Assert.Contains("never been evaluated", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_WhileTheJobsDatabaseIsHeld_ReportsFromTheAnalystDatabase()
    {
        ProbingInput.Write(_db, "probe", Start);
        var to = DateTimeOffset.UtcNow.AddMinutes(-90);
        Assert.Equal(0, Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", to.ToString("o"), .. SeedRule.Only]).ExitCode);
        using var holder = _db.Open();

        var status = Status();
        var lagging = Support.Cli.Run("status", "--db", _db.Path, "--max-lag", "60");

        Assert.StartsWith("analyst database", (string?)status["source"], StringComparison.Ordinal);
        Assert.Equal(600, (int?)status["events"]!["stored"]);
        Assert.Equal(1, (int?)status["last_detect"]![0]!["alerts_new"]);
        Assert.InRange((double)status["rules"]![0]!["detection_lag_minutes"]!, 90, 110);
        Assert.Equal(69, lagging.ExitCode);
    }

    [Fact]
    public void StatusTable_NamesRulesInTheirOrderAndSaysLagsAsAPersonReadsThem()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Support.Cli.Run("run", _db.InputFolder, "--db", _db.Path, "--to", DateTimeOffset.UtcNow.AddHours(-5).ToString("o")).ExitCode);

        var result = Support.Cli.Run("status", "--db", _db.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        // the events' lag is months: said in days, not as hundreds of thousands of minutes
        Assert.Matches(@"^\| +600 \| 2026-03-02T02:00:00Z \| 2026-03-02T\S+ \| [\d,]+ days +\|$", lines.Single(l => l.Contains("2026-03-02T02:00:00Z", StringComparison.Ordinal)));
        Assert.DoesNotContain("minutes  ", result.Stdout, StringComparison.Ordinal);
        // one row per rule, by name, in the rule list's order, in both the rules and the last-detect tables
        var names = Core.Rules.RuleCatalog.All.Select(r => r.Name).ToList();
        foreach (var table in new[] { "rules", "last detect" })
        {
            var rows = lines.SkipWhile(l => l != table).Skip(3).TakeWhile(l => l.StartsWith('|')).ToList();
            Assert.Equal(names, rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)[1]));
        }
        Assert.Matches(@"\| 5\.\d hours +\|", lines.SkipWhile(l => l != "rules").Skip(3).First());
        Assert.DoesNotContain("56312ef5", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "xml", 64)]
    [InlineData("--max-lag", "-5", 64)]
    [InlineData("--max-lag", "soon", 64)]
    public void Status_BadOption_ExitsInvalid(string option, string value, int code)
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Support.Cli.Run("ingest", _db.InputFolder, "--db", _db.Path).ExitCode);

        Assert.Equal(code, Support.Cli.Run("status", "--db", _db.Path, option, value).ExitCode);
    }

    public void Dispose() => _db.Dispose();
}
