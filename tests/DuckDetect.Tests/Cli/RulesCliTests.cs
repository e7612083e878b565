using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>duckdetect rules: the list, disable and enable (state in the database), and what-if's --set.</summary>
public sealed class RulesCliTests : IDisposable
{
    private const string Baseline = "1934bd11-f476-48cd-a252-1ccf6ad54042";

    private readonly DetectionFixture _f = new();

    private CliResult Run(params string[] args) => Support.Cli.Run([.. args, "--db", _f.Db.Path]);

    [Fact]
    public void Rules_DisableAndEnable_DetectSkipsTheRuleAndKeepsItsAlerts()
    {
        var file = _f.Db.WriteInput("probe.ndjson", CloudTrailJson.Ndjson(
            _f.Burst(150, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(20))));
        Assert.Equal(0, Run("run", file, "--to", "2026-03-02T03:00:00Z", "--no-publish").ExitCode);
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alerts WHERE rule_id = $id", new { id = Baseline }));

        Assert.Equal(0, Run("rules", "disable", Baseline).ExitCode);
        var listed = JsonNode.Parse(Run("rules", "--format", "json").Stdout)!.AsArray();
        var detect = Run("detect", "--to", "2026-03-02T05:00:00Z", "--no-publish");

        Assert.Equal(RuleCatalog.All.Count, listed.Count);
        var rule = listed.Single(r => (string?)r!["rule_id"] == Baseline)!;
        Assert.False((bool)rule["enabled"]!);
        Assert.Equal(14, (int)rule["settings"]!["baseline_days"]!);
        Assert.Contains($"detect: AWS Bedrock Single-Model Inference Rate Baseline Break: disabled (duckdetect rules enable {Baseline})", detect.Stderr, StringComparison.Ordinal);
        Assert.Equal(1L, _f.Db.Scalar<long>("SELECT count(*) FROM alerts WHERE rule_id = $id", new { id = Baseline }));
        Assert.Equal(DetectionFixture.At("2026-03-02T03:00:00Z").UtcDateTime,
            _f.Db.Scalar<DateTime>("SELECT checkpoint FROM rule_state WHERE rule_id = $id", new { id = Baseline }));

        Assert.Equal(0, Run("rules", "enable", Baseline).ExitCode);
        Run("detect", "--to", "2026-03-02T05:00:00Z", "--no-publish");
        Assert.Equal(DetectionFixture.At("2026-03-02T05:00:00Z").UtcDateTime,
            _f.Db.Scalar<DateTime>("SELECT checkpoint FROM rule_state WHERE rule_id = $id", new { id = Baseline }));
    }

    [Theory]
    [InlineData("rules", "disable", "no-such-rule")]
    [InlineData("detect", "--rule", Baseline, "--set", "no_such_setting=1", "--what-if", "w.duckdb")]
    [InlineData("detect", "--rule", Baseline, "--set", "factor=lots", "--what-if", "w.duckdb")]
    [InlineData("detect", "--rule", Baseline, "--set", "factor=5")]
    public void BadRuleOrSetting_ExitsWithInvalidArguments(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("duckdetect: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_WhatIfWithSet_RecordsTheSettingAndTunesTheRule()
    {
        _f.Ingest(_f.Burst(150, DetectionFixture.At("2026-03-02T01:00:00Z"), TimeSpan.FromMinutes(20)));
        var whatIf = Path.Combine(_f.Db.Folder, "whatif.duckdb");

        var result = Run("detect", "--rule", Baseline, "--set", "threshold=200", "--set", "baseline_days=3", "--what-if", whatIf,
            "--from", "2026-03-02", "--to", "2026-03-02T04:00:00Z");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var session = Core.Storage.DuckDbSession.Open(whatIf);
        Assert.Equal("threshold=200 window=60m interval=10m suppression=60m factor=10 baseline_days=3",
            Dapper.SqlMapper.ExecuteScalar<string>(session.Connection, "SELECT settings FROM detect_runs"));
        Assert.Equal(0L, Dapper.SqlMapper.ExecuteScalar<long>(session.Connection, "SELECT count(*) FROM alerts"));
    }

    public void Dispose() => _f.Dispose();
}
