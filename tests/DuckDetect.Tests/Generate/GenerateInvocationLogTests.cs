using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDetect.Core;
using DuckDetect.Core.Generate;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Generate;

/// <summary>
/// The planted principals' Bedrock model invocation logs: written in Bedrock's delivery layout beside the CloudTrail,
/// with the request ids of their CloudTrail calls, ingested, and showing each case's profile.
/// </summary>
public sealed partial class GenerateInvocationLogTests(GeneratedAndIngested data) : IClassFixture<GeneratedAndIngested>
{
    [GeneratedRegex(@"^AWSLogs/(\d{12})/BedrockModelInvocationLogs/([a-z]{2}-[a-z]+-\d)/(\d{4})/(\d{2})/(\d{2})/(\d{2})/\3\4\5T\6\d{4}Z_[0-9a-f]{16}\.json\.gz$")]
    private static partial Regex InvocationPath();

    private TempDatabase Db => data.Database;

    [Fact]
    public void Files_FollowBedrockDeliveryLayout_AsGzipRecordsOnePerLine()
    {
        var files = data.InvocationFiles();

        Assert.Equal(data.Manifest.InvocationLogs.Files, files.Count);
        Assert.All(files, f => Assert.Matches(InvocationPath(), f));
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(data.Folder, files[0])), CompressionMode.Decompress);
        var lines = new StreamReader(gzip).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line =>
        {
            using var record = JsonDocument.Parse(line);
            Assert.Equal("ModelInvocationLog", record.RootElement.GetProperty("schemaType").GetString());
            Assert.Contains(record.RootElement.GetProperty("accountId").GetString()!, files[0]);
        });
        Assert.Equal((data.Manifest.InvocationLogs.Records, data.Manifest.InvocationLogs.Records, 0L),
            (data.Ingest.Summary.InvocationsRead, data.Ingest.Summary.InvocationsNew, data.Ingest.Summary.InvocationsSkipped));
        Assert.Empty(data.Ingest.Summary.Failures);
    }

    /// <summary>Each record is its CloudTrail call's: request id, principal, region, model, operation, the same second or the next.</summary>
    [Fact]
    public void EveryRecord_CarriesTheRequestIdAndKeysOfItsCloudTrailCall()
    {
        Assert.Equal(0L, Db.Scalar<long>(
            """
            SELECT count(*) FROM bedrock_invocations i
            WHERE NOT EXISTS (
                SELECT 1 FROM cloudtrail_events e
                WHERE e.account_id = i.account_id AND e.request_id = i.request_id AND e.user_arn = i.principal_arn
                  AND e.region = i.region AND e.event_name = i.operation
                  AND regexp_extract(e.request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1) = i.model_id
                  AND i.invocation_time - e.event_time BETWEEN INTERVAL 0 SECOND AND INTERVAL 1 SECOND)
            """));
        // Logged: every planted inference call but those IAM denied and those after logging stopped; background: none.
        var planted = data.Manifest.Cases.SelectMany(c => c.PrincipalArns).Distinct().ToList();
        Assert.Equal(0L, Db.Scalar<long>("SELECT count(*) FROM bedrock_invocations WHERE NOT list_contains($arns, principal_arn)",
            new { arns = ListParameter.Of(planted) }));
        Assert.Equal(0L, Db.Scalar<long>(
            "SELECT count(*) FROM bedrock_invocations i JOIN cloudtrail_events e USING (account_id, request_id) WHERE e.error_code = 'AccessDenied'"));
        Assert.Equal(60L, Db.Scalar<long>("SELECT count(*) FROM bedrock_invocations WHERE error_code = 'ThrottlingException'"));
        Assert.All(data.Manifest.Cases, c => Assert.Equal(c.InvocationRecords, Db.Scalar<long>(
            "SELECT count(*) FROM bedrock_invocations WHERE list_contains($arns, principal_arn)", new { arns = ListParameter.Of(c.PrincipalArns) })));
    }

    [Fact]
    public void SamiaProbers_SendEachPromptEightTimes_AtTemperatureAboveZero_WithDifferingShortOutputs()
    {
        foreach (var name in new[] { "loud_probing", "distributed_probing" })
        {
            var p = Profile(name);
            Assert.Equal("samia_prober", data.Case(name).InvocationProfile);
            Assert.Equal(data.Case(name).InvocationRecords / 8, p.DistinctPrompts); // throttled calls asked too
            Assert.Equal(8, p.LargestRepeat);
            Assert.True(p.SampledPromptsWithDifferentOutputs >= p.DistinctPrompts * 9 / 10, $"{name}: {p.SampledPromptsWithDifferentOutputs}");
            Assert.Equal((0.9, 0.9, 48L), (p.MinTemperature, p.MaxTemperature, p.MaxTokens));
            Assert.True(p.MedianOutputChars < 150, $"{name}: {p.MedianOutputChars}");
        }
    }

    [Fact]
    public void TemplateProbers_UseOneTemplateWithAChangingRecord_AndSmallMaxTokens()
    {
        foreach (var name in new[] { "paced_probing", "sustained_probing", "low_and_slow_probing" })
        {
            var p = Profile(name);
            Assert.Equal("template_prober", data.Case(name).InvocationProfile);
            Assert.Equal((1L, p.Calls, 16L), (p.Templates, p.DistinctPrompts, p.MaxTokens));
            Assert.True(p.MedianOutputChars < 60, $"{name}: {p.MedianOutputChars}");
        }
        // Streamed outputs (InvokeModelWithResponseStream, ConverseStream) are read from their chunks.
        Assert.Equal(0L, Db.Scalar<long>(
            "SELECT count(*) FROM bedrock_invocations WHERE operation LIKE '%Stream' AND error_code IS NULL AND (output_hash IS NULL OR output_chars = 0)"));
        Assert.Equal(2L, Db.Scalar<long>(
            "SELECT count(DISTINCT operation) FROM bedrock_invocations WHERE list_contains($arns, principal_arn) AND operation LIKE '%Stream'",
            new { arns = ListParameter.Of(data.Case("sustained_probing").PrincipalArns) }));
    }

    [Fact]
    public void EvalPipeline_SendsTemplatedPromptsEachOnce_AtTemperatureZero()
    {
        var p = Profile("eval_pipeline");

        Assert.Equal((p.Calls, 1L, 0.0, 0.0, 512L), (p.DistinctPrompts, p.LargestRepeat, p.MinTemperature, p.MaxTemperature, p.MaxTokens));
        Assert.True(p.TopTemplateShare < 0.2, $"{p.TopTemplateShare}");
    }

    [Fact]
    public void RagService_SendsDiversePrompts_WithLongOutputs()
    {
        var p = Profile("rag_service", "Converse%");

        Assert.Equal((p.Calls, 1L, p.Calls), (p.DistinctPrompts, p.LargestRepeat, p.Templates));
        Assert.True(p.MedianOutputChars > 1000, $"{p.MedianOutputChars}");
        // Its embedding calls embed text and return vectors, not text.
        var embeddings = Profile("rag_service", "InvokeModel");
        Assert.Equal(1800L, embeddings.Calls);
        Assert.Equal(0L, embeddings.Outputs);
    }

    /// <summary>Where logging stops, CloudTrail calls go on without invocation records; before it, they had them.</summary>
    [Fact]
    public void LoggingStops_LeaveLaterCloudTrailCallsWithoutRecords()
    {
        var stops = data.Manifest.InvocationLogs.LoggingStops;
        Assert.Equal(["llmjacking_campaign", null], stops.Select(s => s.Case));
        foreach (var stop in stops)
        {
            var args = new { account = stop.AccountId, region = stop.Region, at = stop.StoppedAt,
                arns = ListParameter.Of(stop.Case is null ? data.Manifest.Cases.SelectMany(c => c.PrincipalArns) : data.Case(stop.Case).PrincipalArns) };
            const string Scope = "account_id = $account AND region = $region AND list_contains($arns, {0})";
            Assert.Equal(0L, Db.Scalar<long>(
                $"SELECT count(*) FROM bedrock_invocations WHERE {string.Format(null, Scope, "principal_arn")} AND invocation_time >= $at::TIMESTAMPTZ", args));
            Assert.True(Db.Scalar<long>(
                $"""
                SELECT count(*) FROM cloudtrail_events WHERE {string.Format(null, Scope, "user_arn")} AND event_time >= $at::TIMESTAMPTZ
                  AND event_source = 'bedrock.amazonaws.com' AND event_name IN ('InvokeModel', 'Converse') AND error_code IS NULL
                """, args) >= 500);
            Assert.True(Db.Scalar<long>(
                $"SELECT count(*) FROM bedrock_invocations WHERE {string.Format(null, Scope, "principal_arn")} AND invocation_time < $at::TIMESTAMPTZ", args) > 0);
        }
        Assert.Equal(0L, data.Case("threshold_exact").InvocationRecords);
        Assert.Equal("444455556666", stops[1].AccountId);
    }

    /// <summary>
    /// The manifest states per threshold rule alert whether it must carry the probing verdict: the probers' do, the RAG
    /// service's, the evaluation's and the export job's do not, nor do alerts whose calls have no invocation records.
    /// </summary>
    [Fact]
    public void Manifest_StatesTheProbingVerdictOfEveryThresholdRuleAlert()
    {
        var threshold = data.Manifest.Rules.Where(r => r.Parameters.Type == "threshold").Select(r => r.Id).ToHashSet();
        var alerts = data.Manifest.Cases.SelectMany(c => c.ExpectedAlerts.Select(a => (Case: c.Name, Alert: a))).ToList();

        Assert.All(alerts.Where(a => !threshold.Contains(a.Alert.RuleId)), a => Assert.Null(a.Alert.ProbingVerdict));
        // A case's first alert: a prober's carries the verdict; its later alerts may not, once the prober's own
        // logged calls before them (their baseline) are the same probing. The other cases' alerts never do.
        var byCase = alerts.Where(a => threshold.Contains(a.Alert.RuleId)).GroupBy(a => a.Case).ToList();
        var verdicts = byCase.ToDictionary(g => g.Key, g => g.OrderBy(a => a.Alert.WindowEnd).First().Alert.ProbingVerdict);
        Assert.All(byCase.Where(g => verdicts[g.Key] != true).SelectMany(g => g), a => Assert.False(a.Alert.ProbingVerdict));
        Assert.Equal(
            new Dictionary<string, bool?>
            {
                ["loud_probing"] = true, ["paced_probing"] = true, ["distributed_probing"] = true, ["low_and_slow_probing"] = true,
                ["sustained_probing"] = true, ["rag_service"] = false, ["eval_pipeline"] = false, ["failures_not_counted"] = false,
                ["threshold_exact"] = false, ["llmjacking_campaign"] = false,
            },
            verdicts);
        // Unknown signals: none of the alert's calls was logged.
        Assert.All(alerts.Where(a => a.Case is "threshold_exact" or "llmjacking_campaign" && threshold.Contains(a.Alert.RuleId)),
            a => Assert.Equal(0L, a.Alert.InvocationRecords));
        Assert.All(alerts.Where(a => a.Alert.ProbingVerdict == true), a => Assert.True(a.Alert.InvocationRecords > 0));
        // The rules' lists carry the same fields as the cases'.
        Assert.Equal(
            alerts.Select(a => $"{a.Alert.AlertId} {a.Alert.ProbingVerdict} {a.Alert.InvocationRecords}").Order(StringComparer.Ordinal),
            data.Manifest.Rules.SelectMany(r => r.ExpectedAlerts).Where(a => a.Case is not null)
                .Select(a => $"{a.AlertId} {a.ProbingVerdict} {a.InvocationRecords}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoInvocationLogs_WritesTheSameCloudTrailAlone()
    {
        using var temp = new TempDatabase();
        var options = data.Options with { OutputFolder = Path.Combine(temp.Folder, "ct-only"), InvocationLogs = false };
        var summary = new Generator(NullStatusSink.Instance).Run(options);
        var manifest = GenerateManifest.Read(summary.ManifestPath);

        Assert.False(Directory.Exists(Path.Combine(options.OutputFolder, "AWSLogs", data.Manifest.Accounts[0], "BedrockModelInvocationLogs")));
        Assert.Equal((false, 0, 0L), (manifest.InvocationLogs.Written, manifest.InvocationLogs.Files, manifest.InvocationLogs.Records));
        Assert.Empty(manifest.InvocationLogs.LoggingStops);
        Assert.All(manifest.Cases.SelectMany(c => c.ExpectedAlerts), a => Assert.NotEqual(true, a.ProbingVerdict));
        foreach (var file in data.RelativeFiles())
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(data.Folder, file)), File.ReadAllBytes(Path.Combine(options.OutputFolder, file)));
        }
    }

    private ProfileRow Profile(string caseName, string operation = "%") => Db.Query<ProfileRow>(
        """
        WITH calls AS (
            SELECT * FROM bedrock_invocations
            WHERE list_contains($arns, principal_arn) AND operation LIKE $operation AND error_code IS NULL
        ), prompts AS (
            SELECT prompt_hash, count(*) AS n, count(DISTINCT output_hash) AS outputs FROM calls GROUP BY prompt_hash
        )
        SELECT (SELECT count(*) FROM calls) AS Calls,
               (SELECT count(*) FROM prompts) AS DistinctPrompts,
               (SELECT max(n) FROM prompts) AS LargestRepeat,
               (SELECT count(*) FROM prompts WHERE n > 1 AND outputs > 1) AS SampledPromptsWithDifferentOutputs,
               (SELECT count(DISTINCT template_hash) FROM calls) AS Templates,
               (SELECT max(n) / sum(n) FROM (SELECT count(*) AS n FROM calls GROUP BY template_hash)) AS TopTemplateShare,
               (SELECT count(output_hash) FROM calls) AS Outputs,
               (SELECT coalesce(median(output_chars), 0) FROM calls) AS MedianOutputChars,
               (SELECT min(temperature) FROM calls) AS MinTemperature,
               (SELECT max(temperature) FROM calls) AS MaxTemperature,
               (SELECT max(max_tokens) FROM calls) AS MaxTokens
        """,
        new { arns = ListParameter.Of(data.Case(caseName).PrincipalArns), operation }).Single();

    public sealed class ProfileRow
    {
        public long Calls { get; set; }

        public long DistinctPrompts { get; set; }

        public long LargestRepeat { get; set; }

        public long SampledPromptsWithDifferentOutputs { get; set; }

        public long Templates { get; set; }

        public double TopTemplateShare { get; set; }

        public long Outputs { get; set; }

        public double MedianOutputChars { get; set; }

        public double? MinTemperature { get; set; }

        public double? MaxTemperature { get; set; }

        public long? MaxTokens { get; set; }
    }
}
