using System.Text.Json;
using DuckDB.NET.Data;
using DuckDetect.Core.Alerts;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>detect, run, alerts and sql through the real CLI: stdout, stderr and exit codes.</summary>
public sealed class DetectCliTests : IDisposable
{
    private readonly DetectionFixture _f = new();
    private readonly string _file;

    public DetectCliTests()
    {
        _file = _f.Db.WriteInput("probe.ndjson", CloudTrailJson.Ndjson(
            _f.Burst(600, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(50))));
    }

    /// <summary>A command on the test database; run and detect evaluate the seed rule only (these tests count its alerts).</summary>
    private CliResult Run(params string[] args) =>
        Support.Cli.Run([.. args, "--db", _f.Db.Path, .. args[0] is "run" or "detect" && !args.Contains("--rule") ? SeedRule.Only : []]);

    [Fact]
    public void Run_IngestsAndDetects_PrintsAlertsOnStdoutAndLogsOnStderr()
    {
        var result = Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("arn:aws:sts::111122223333:assumed-role/prober/session", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("(1 alert)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ingest:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("detect:", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("ingest:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_AgainWithNothingNew_PrintsNothingOnStdout()
    {
        Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        var again = Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal("", again.Stdout);
        Assert.Contains("1 unchanged", again.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("ndjson")]
    [InlineData("csv")]
    public void Alerts_MachineFormats_UseThePublicColumnNames(string format)
    {
        Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        var result = Run("alerts", "--format", format);

        Assert.True(result.ExitCode == 0, result.ToString());
        var names = format switch
        {
            "json" => JsonDocument.Parse(result.Stdout).RootElement[0].EnumerateObject().Select(p => p.Name).ToList(),
            "ndjson" => JsonDocument.Parse(result.Stdout.Split('\n')[0]).RootElement.EnumerateObject().Select(p => p.Name).ToList(),
            _ => result.Stdout.Split('\n')[0].Trim().Split(',').ToList(),
        };
        Assert.Equal(AlertColumns.Names, names);
        Assert.Contains("\"2026-03-02T01:50:00Z\"", format == "csv" ? "\"" + result.Stdout.Split('\n')[1].Split(',')[6] + "\"" : result.Stdout,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Alerts_JsonLists_AreJsonArrays()
    {
        Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        var alert = JsonDocument.Parse(Run("alerts", "--format", "json").Stdout).RootElement[0];

        Assert.Equal(JsonValueKind.Array, alert.GetProperty("source_ips").ValueKind);
        Assert.Equal("198.51.100.7", alert.GetProperty("source_ips")[0].GetString());
        Assert.Equal(JsonValueKind.Array, alert.GetProperty("source_as_orgs").ValueKind);
        Assert.Equal(600, alert.GetProperty("inference_call_count").GetInt64());
    }

    [Fact]
    public void Alerts_SinceUntil_FilterOnWindowEnd()
    {
        Run("run", _file, "--to", "2026-03-02T04:00:00Z");

        Assert.Equal("[]", Run("alerts", "--format", "json", "--since", "2026-03-02T02:00:00Z").Stdout.Trim());
        Assert.Single(JsonDocument.Parse(Run("alerts", "--format", "json", "--until", "2026-03-02T01:50:00Z").Stdout).RootElement.EnumerateArray());
    }

    [Fact]
    public void Detect_FromAfterTo_ExitsWithInvalidArguments()
    {
        var result = Run("detect", "--from", "2026-03-02T05:00:00Z", "--to", "2026-03-02T01:00:00Z");

        Assert.Equal(64, result.ExitCode);
        Assert.Contains("is after --to", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alerts", "--format", "xml")]
    [InlineData("detect", "--to", "yesterday-ish")]
    [InlineData("detect", "--threshold", "100")]
    [InlineData("detect", "--window", "45", "--what-if", "w.duckdb")]
    public void BadOptions_ExitWithInvalidArgumentsAndOneLine(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(64, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("duckdetect: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_WhatIf_WritesToItsOwnDatabaseOnly()
    {
        Run("ingest", _file);
        Run("detect", "--to", "2026-03-02T04:00:00Z");
        var whatIf = Path.Combine(_f.Db.Folder, "whatif.duckdb");

        var result = Run("detect", "--threshold", "700", "--what-if", whatIf, "--from", "2026-03-01", "--to", "2026-03-02T04:00:00Z");
        var lower = Run("detect", "--threshold", "100", "--window", "30", "--what-if", whatIf + "2", "--from", "2026-03-01", "--to", "2026-03-02T04:00:00Z");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("what-if", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(0L, Count(whatIf, "SELECT count(*) FROM alerts"));
        Assert.Equal(0, lower.ExitCode);
        // 30-minute windows with 100 calls: candidates end 01:10 .. 02:10, so two alerts 60 minutes apart.
        Assert.Equal(2L, Count(whatIf + "2", "SELECT count(*) FROM alerts"));
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM detect_runs"));
    }

    [Fact]
    public void Detect_WhatIfFileRunAgainWithOtherSettings_StartsOver()
    {
        Run("ingest", _file);
        var whatIf = Path.Combine(_f.Db.Folder, "tuning.duckdb");
        string[] range = ["--from", "2026-03-01", "--to", "2026-03-02T04:00:00Z"];

        Run(["detect", "--threshold", "100", "--window", "30", "--what-if", whatIf, .. range]);
        Assert.Equal(2L, Count(whatIf, "SELECT count(*) FROM alerts"));
        var again = Run(["detect", "--threshold", "700", "--what-if", whatIf, .. range]);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(0L, Count(whatIf, "SELECT count(*) FROM alerts"));
        Assert.Equal(0L, Count(whatIf, "SELECT count(*) FROM retracted_alerts"));
        Assert.Equal(2L, Count(whatIf, "SELECT count(*) FROM detect_runs"));
    }

    [Fact]
    public void Sql_PrintsAScriptThatRunsInDuckDb()
    {
        Run("ingest", _file);

        var script = Run("sql", "--from", "2026-03-02T00:00:00Z", "--to", "2026-03-02T04:00:00Z");

        Assert.Equal(0, script.ExitCode);
        Assert.Contains("threshold=500 window=60m interval=10m suppression=60m", script.Stdout, StringComparison.Ordinal);
        using var connection = new DuckDBConnection($"Data Source={_f.Db.Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = script.Stdout;
        using var reader = command.ExecuteReader();
        var windows = 0;
        while (reader.Read())
        {
            windows++;
            Assert.Equal(600L, reader.GetInt64(reader.GetOrdinal("inference_call_count")));
        }
        Assert.Equal(2, windows);
    }

    [Fact]
    public void Db_DefaultsToEnvironmentVariable()
    {
        var path = Path.Combine(_f.Db.Folder, "from-env.duckdb");

        var result = Support.Cli.Run(["ingest", _file], new Dictionary<string, string> { ["DUCKDETECT_DB"] = path });

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(path));
    }

    private static long Count(string database, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _f.Dispose();
}
