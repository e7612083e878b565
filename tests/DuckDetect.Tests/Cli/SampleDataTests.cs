using System.Text.Json;
using DuckDetect.Core;
using DuckDetect.Core.Generate;
using DuckDetect.Core.Rules;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>
/// `run` over generated CloudTrail raises exactly the alerts that its manifest lists for every rule (computed by the
/// generator's own reference evaluation, not by the rules' SQL): the quickstart's sample, and a data set of another
/// seed, start and number of days (two, across a new year: windows and baselines that span days). An alert is its id,
/// rule, window end, keys, principals and calls.
/// </summary>
public sealed class SampleDataTests : IDisposable
{
    private readonly TempDatabase _db = new();

    /// <summary>With the program every CLI test starts (the installed native tool at full strength), and as the README's `dotnet run` starts it.</summary>
    [Theory]
    [InlineData("tested")]
    [InlineData("dotnet run")]
    public void Run_OnTheSampleData_RaisesExactlyTheManifestsAlertsOfEveryRule(string program)
    {
        var manifest = GenerateManifest.Read(Path.Combine(RepoPaths.Data, "sample-manifest.json"));

        var result = Support.Cli.Run(["run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", _db.Path, "--format", "ndjson"], null,
            command: program == "tested" ? Support.Cli.Command : Support.Cli.Jit);

        AssertRaisesTheManifestsAlerts(manifest, result);
        // The quickstart's figures (README.md, data/README.md): every rule alerts, the background on none.
        Assert.Equal(
            [("seed", 9), ("credential_distributed", 2), ("low_and_slow", 1), ("baseline_break", 34)],
            manifest.Rules.Select(r => (r.Key, r.ExpectedAlerts.Count)));
        Assert.All(manifest.Rules, r => Assert.Equal(0, r.Background.Alerts));
        Assert.Equal(17000L, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    [Fact]
    public void Run_OnGeneratedDataOfAnotherSeedAndDays_RaisesExactlyTheManifestsAlertsOfEveryRule()
    {
        var folder = Path.Combine(_db.Folder, "generated");
        new Generator(NullStatusSink.Instance).Run(new GenerateOptions
        {
            OutputFolder = folder,
            Days = 2,
            EventsPerDay = GenerateOptions.MinEventsPerDay,
            Start = new DateOnly(2025, 12, 31),
            Seed = 5,
            FileMinutes = 60,   // hourly files: a quarter of the time to ingest
        });
        var manifest = GenerateManifest.Read(Path.Combine(folder, GenerateManifest.FileName));

        var result = Support.Cli.Run("run", Path.Combine(folder, "AWSLogs"), "--db", _db.Path, "--format", "ndjson", "--no-publish");

        AssertRaisesTheManifestsAlerts(manifest, result);
        Assert.All(manifest.Rules, r => Assert.NotEmpty(r.ExpectedAlerts));
    }

    /// <summary>
    /// Every threshold rule the product ships is in the manifest, and each rule's alerts are the manifest's. The
    /// generator writes inference traffic only (no control-plane calls, no failed enumeration), so the event rules
    /// (match, new terms, sequence), whose fires and near misses are their own cases (RuleCaseTests), raise nothing here.
    /// </summary>
    private static void AssertRaisesTheManifestsAlerts(GenerateManifest manifest, CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(RuleCatalog.All.Where(r => r.IsThreshold).Select(r => r.Id).Order(StringComparer.Ordinal),
            manifest.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        var raised = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(a => (Rule: a.GetProperty("rule_id").GetString()!, Alert: Describe(a)))
            .ToList();
        foreach (var rule in manifest.Rules)
        {
            var expected = rule.ExpectedAlerts.Select(Describe).Order(StringComparer.Ordinal).ToList();
            var actual = raised.Where(r => r.Rule == rule.Id).Select(r => r.Alert).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual),
                $"rule {rule.Key}: expected {expected.Count} alerts, raised {actual.Count}\n" +
                $"missing:\n{string.Join('\n', expected.Except(actual))}\nextra:\n{string.Join('\n', actual.Except(expected))}");
        }
        Assert.Equal(manifest.Rules.Sum(r => r.ExpectedAlerts.Count), raised.Count);
    }

    private static string Describe(ExpectedAlert a) =>
        Line(a.RuleId, a.AlertId, a.WindowEnd, a.UserArn, a.AccountId, a.ModelId, a.SourceIp, a.UserArns, a.Calls);

    private static string Describe(JsonElement a) => Line(
        a.GetProperty("rule_id").GetString()!, a.GetProperty("alert_id").GetString()!, a.GetProperty("window_end").GetString()!,
        a.GetProperty("user_arn").GetString(), a.GetProperty("account_id").GetString(), a.GetProperty("model_id").GetString()!,
        a.GetProperty("source_ip").GetString(),
        a.GetProperty("user_arns").ValueKind == JsonValueKind.Null ? null : a.GetProperty("user_arns").EnumerateArray().Select(u => u.GetString()!).ToList(),
        a.GetProperty("inference_call_count").GetInt64());

    private static string Line(string rule, string id, string windowEnd, string? arn, string? account, string model, string? ip,
        IReadOnlyList<string>? arns, long calls) =>
        string.Join(' ', rule, id, windowEnd, arn ?? "-", account ?? "-", model, ip ?? "-", arns is null ? "-" : string.Join(',', arns), calls);

    public void Dispose() => _db.Dispose();
}
