using System.Globalization;
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
/// rule, window end, keys, principals, access key and calls (an event rule's: its hits). Every event rule's fire case
/// alerts, no near miss does, and the LLMjacking campaign's principal has one view linking its steps.
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
        AssertCarriesTheManifestsVerdicts(manifest);
        Assert.Equal(49, _db.Scalar<long>("SELECT count(*) FROM alert_content_signals"));
        // The quickstart's figures (README.md, data/README.md): every rule over CloudTrail alerts, the background on
        // none; of the rules over invocation logs, those the planted profiles reach.
        Assert.Equal(
            [("seed", 10), ("credential_distributed", 2), ("low_and_slow", 1), ("baseline_break", 36)],
            manifest.Rules.Take(4).Select(r => (r.Key, r.ExpectedAlerts.Count)));
        Assert.All(manifest.Rules.Skip(4).Where(r => r.Parameters.Reads == "cloudtrail"), r => Assert.Equal(
            r.Key is "model_access_enabled" or "guardrail_weakened" or "llmjacking_enumeration" or "invocation_logging_disabled"
                or "recon_then_invoke_long_term_key" ? 2 : 1, r.ExpectedAlerts.Count));
        Assert.All(manifest.Rules.Where(r => r.Parameters.Reads != "cloudtrail"), r => Assert.Equal(
            r.Key switch { "invocations_without_guardrails" => 55, "invocation_logging_blind_spot" => 6, _ => 0 }, r.ExpectedAlerts.Count));
        Assert.Equal(134, manifest.Rules.Sum(r => r.ExpectedAlerts.Count));
        Assert.All(manifest.Rules.Where(r => r.Key != "invocation_logging_blind_spot"), r => Assert.Equal(0, r.Background.Alerts));
        AssertBlindSpotIsTheLoggingStop(manifest);
        Assert.Equal(17000L, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    /// <summary>
    /// The LLMjacking campaign's principal: `alerts --by-principal` and the published principal_view_alerts link its
    /// alerts of at least four rules (eight: enumeration, model access, logging, guardrail, the long-term-key sequence,
    /// the seed rule, the baseline break and the invocations without guardrails) in one view, at the top.
    /// </summary>
    [Fact]
    public void ByPrincipal_OnTheSampleData_LinksTheCampaignsStepsInOneView()
    {
        var manifest = GenerateManifest.Read(Path.Combine(RepoPaths.Data, "sample-manifest.json"));
        var campaign = manifest.Cases.Single(c => c.Kind == "campaign");
        var campaignRules = campaign.ExpectedAlerts.Select(a => a.RuleId).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, campaignRules.Count);

        var run = Support.Cli.Run("run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", _db.Path, "-q");
        var views = Support.Cli.Run("alerts", "--by-principal", "--format", "json", "--db", _db.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(views.ExitCode == 0, views.ToString());
        var top = JsonDocument.Parse(views.Stdout).RootElement.EnumerateArray().First();
        Assert.Equal(campaign.PrincipalArn, top.GetProperty("user_arn").GetString());
        Assert.Equal(campaignRules, top.GetProperty("rule_ids").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(100, top.GetProperty("score").GetInt32());
        using var analyst = new DuckDB.NET.Data.DuckDBConnection($"DataSource={Path.ChangeExtension(_db.Path, null)}.alerts.duckdb;ACCESS_MODE=READ_ONLY");
        analyst.Open();
        Assert.Equal(campaignRules, Dapper.SqlMapper.Query<string>(analyst,
            "SELECT DISTINCT rule_id FROM principal_view_alerts WHERE user_arn = $arn ORDER BY rule_id", new { arn = campaign.PrincipalArn }));
        // every other principal's view holds one rule: the cases do not run into each other
        Assert.All(JsonDocument.Parse(views.Stdout).RootElement.EnumerateArray().Skip(1), v => Assert.Equal(
            manifest.Cases.Single(c => c.PrincipalArns.Contains(v.GetProperty("user_arn").GetString()!)).ExpectedAlerts.Select(a => a.RuleId).Distinct().Count(),
            v.GetProperty("rules").GetInt32()));
    }

    /// <summary>
    /// The blind-spot rule alerts only where the planted logging stop of an account and region left calls unlogged:
    /// every alert in that account, for an hour that ends after the stop, with no principal.
    /// </summary>
    private static void AssertBlindSpotIsTheLoggingStop(GenerateManifest manifest)
    {
        var alerts = manifest.Rules.Single(r => r.Key == "invocation_logging_blind_spot").ExpectedAlerts;
        var stop = manifest.InvocationLogs.LoggingStops.Single(s => s.Case is null);
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Equal((stop.AccountId, (string?)null), (a.AccountId, a.UserArn)));
        var stoppedAt = DateTimeOffset.Parse(stop.StoppedAt, CultureInfo.InvariantCulture);
        Assert.All(alerts, a => Assert.True(DateTimeOffset.Parse(a.WindowEnd, CultureInfo.InvariantCulture) > stoppedAt, a.WindowEnd));
    }

    /// <summary>
    /// The probing verdict the manifest states for every threshold rule's alert (from the generator's own reference:
    /// the planted invocation profiles and each alert's baseline) is the one the content signals give: the verdict
    /// where it says true, none where it says false, and unknown where the alert's calls have no invocation records.
    /// </summary>
    private void AssertCarriesTheManifestsVerdicts(GenerateManifest manifest)
    {
        var expected = manifest.Rules.SelectMany(r => r.ExpectedAlerts).Where(a => a.ProbingVerdict is not null)
            .Select(a => $"{a.AlertId}={(a.InvocationRecords == 0 ? "unknown" : a.ProbingVerdict == true ? "true" : "false")}")
            .Order(StringComparer.Ordinal).ToList();
        var signals = _db.Query<string>(
            "SELECT alert_id || '=' || coalesce(probing_pattern::VARCHAR, 'unknown') FROM alert_content_signals ORDER BY 1");
        Assert.Contains(expected, v => v.EndsWith("=true", StringComparison.Ordinal));
        Assert.Contains(expected, v => v.EndsWith("=false", StringComparison.Ordinal));
        Assert.Equal(expected, signals);
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
        AssertCarriesTheManifestsVerdicts(manifest);
        Assert.All(manifest.Rules.Where(r => r.Parameters.Reads == "cloudtrail"), r => Assert.NotEmpty(r.ExpectedAlerts));
        Assert.All(manifest.Rules.Where(r => r.Key is "invocations_without_guardrails" or "invocation_logging_blind_spot"), r => Assert.NotEmpty(r.ExpectedAlerts));
    }

    /// <summary>
    /// Every rule the product ships is in the manifest, and each rule's alerts are the manifest's: the threshold rules',
    /// and the event rules' (match, new terms, sequence) on their fire cases and the campaign. Each event rule's fire
    /// case raises its alert; no near miss raises any alert of any rule.
    /// </summary>
    private static void AssertRaisesTheManifestsAlerts(GenerateManifest manifest, CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal),
            manifest.Rules.Select(r => r.Id).Order(StringComparer.Ordinal));
        var alerts = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var raised = alerts.Select(a => (Rule: a.GetProperty("rule_id").GetString()!, Alert: Describe(a))).ToList();
        var eventRules = manifest.Rules.Where(r => r.Parameters.Type != "threshold" && r.Parameters.Reads == "cloudtrail").Select(r => r.Id).ToList();
        Assert.Equal(19, eventRules.Count);
        Assert.Equal(eventRules.Order(StringComparer.Ordinal),
            manifest.Cases.Where(c => c.Kind == "fire").Select(c => c.RuleId!).Order(StringComparer.Ordinal));
        Assert.Equal(eventRules.Order(StringComparer.Ordinal),
            manifest.Cases.Where(c => c.Kind == "near_miss").Select(c => c.RuleId!).Order(StringComparer.Ordinal));
        foreach (var fire in manifest.Cases.Where(c => c.Kind == "fire"))
        {
            Assert.Contains(alerts, a => a.GetProperty("rule_id").GetString() == fire.RuleId && a.GetProperty("user_arn").GetString() == fire.PrincipalArn);
        }
        foreach (var miss in manifest.Cases.Where(c => c.Kind == "near_miss"))
        {
            Assert.DoesNotContain(alerts, a => a.GetProperty("user_arn").GetString() == miss.PrincipalArn);
        }
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
        Line(a.RuleId, a.AlertId, a.WindowEnd, a.UserArn, a.AccountId, a.ModelId, a.SourceIp, a.UserArns, a.AccessKeyId, a.Calls);

    /// <summary>A threshold rule's alert counts calls (inference_call_count), an event rule's hits (event_count).</summary>
    private static string Describe(JsonElement a) => Line(
        a.GetProperty("rule_id").GetString()!, a.GetProperty("alert_id").GetString()!, a.GetProperty("window_end").GetString()!,
        a.GetProperty("user_arn").GetString(), a.GetProperty("account_id").GetString(), a.GetProperty("model_id").GetString(),
        a.GetProperty("source_ip").GetString(),
        a.GetProperty("user_arns").ValueKind == JsonValueKind.Null ? null : a.GetProperty("user_arns").EnumerateArray().Select(u => u.GetString()!).ToList(),
        a.GetProperty("access_key_id").GetString(),
        a.GetProperty("inference_call_count").ValueKind == JsonValueKind.Null ? a.GetProperty("event_count").GetInt64() : a.GetProperty("inference_call_count").GetInt64());

    private static string Line(string rule, string id, string windowEnd, string? arn, string? account, string? model, string? ip,
        IReadOnlyList<string>? arns, string? accessKey, long calls) =>
        string.Join(' ', rule, id, windowEnd, arn ?? "-", account ?? "-", model ?? "-", ip ?? "-", arns is null ? "-" : string.Join(',', arns),
            accessKey ?? "-", calls);

    public void Dispose() => _db.Dispose();
}
