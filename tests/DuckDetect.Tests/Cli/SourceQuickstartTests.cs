using Dapper;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Ingest.Sources;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Cli;

/// <summary>The quickstart's raw CloudTrail, once run as it is (shared by the tests of the class).</summary>
public sealed class QuickstartRawRun : IDisposable
{
    public QuickstartRawRun()
    {
        Result = Support.Cli.Run("run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", Database.Path, "--format", "ndjson");
    }

    public TempDatabase Database { get; } = new();

    public CliResult Result { get; }

    public void Dispose() => Database.Dispose();
}

/// <summary>
/// The quickstart sample rewritten as Amazon Security Lake (OCSF 1.1 Parquet) and as Elastic (ECS NDJSON, every field
/// mapped back, the model id from Java's Map text) gives exactly the quickstart's alerts: every column of every alert
/// but when it was written, the context lists (IPs, user agents, keys, identity types, regions) included.
/// </summary>
public sealed class SourceQuickstartTests(QuickstartRawRun raw) : IClassFixture<QuickstartRawRun>, IDisposable
{
    private readonly TempDatabase _db = new();

    private static string Sample => Path.Combine(RepoPaths.Data, "cloudtrail", "**", "*.json.gz");

    /// <summary>
    /// The sample's Bedrock invocation logs, loaded beside the converted CloudTrail as beside the raw: their content
    /// signals raise the same alerts' severity in both runs.
    /// </summary>
    private static IEnumerable<string> InvocationLogs =>
        Directory.GetDirectories(Path.Combine(RepoPaths.Data, "cloudtrail", "AWSLogs"), "BedrockModelInvocationLogs", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    [Fact]
    public void Run_OnTheQuickstartAsSecurityLakeOcsfParquet_RaisesTheQuickstartsAlerts()
    {
        var lake = Path.Combine(_db.InputFolder, "CLOUD_TRAIL_MGMT", "2.0");
        SourceConverters.ToOcsfParquet(Sample, lake);
        Assert.NotEmpty(Directory.GetFiles(lake, "*.gz.parquet", SearchOption.AllDirectories));
        Assert.Contains(Directory.GetDirectories(lake, "accountId=*", SearchOption.AllDirectories), d => d.Contains("region=", StringComparison.Ordinal));

        var result = Support.Cli.Run([.. new[] { "run", lake }.Concat(InvocationLogs), "--db", _db.Path, "--format", "ndjson"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertSameAlertsAsRaw(", request_parameters");
    }

    [Fact]
    public void Run_OnTheQuickstartAsElasticEcsNdjson_RaisesTheQuickstartsAlerts()
    {
        var export = Path.Combine(_db.InputFolder, "logs-aws.cloudtrail-default.ndjson");
        SourceConverters.ToEcsNdjson(Sample, export);
        Assert.Contains("request_parameters\":\"{modelId=", File.ReadLines(export).First(l => l.Contains("bedrock.amazonaws.com", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.DoesNotContain("\"original\":\"{", File.ReadAllText(export), StringComparison.Ordinal);

        var result = Support.Cli.Run([.. new[] { "run", export }.Concat(InvocationLogs), "--db", _db.Path, "--format", "ndjson"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertSameAlertsAsRaw("");
    }

    /// <summary>
    /// The alerts, and the fields the rule reads event by event (the model id as the rule extracts it, and the whole
    /// <paramref name="exactColumns"/> where the source keeps them as logged).
    /// </summary>
    private void AssertSameAlertsAsRaw(string exactColumns)
    {
        Assert.True(raw.Result.ExitCode == 0, raw.Result.ToString());
        using var session = _db.Open();
        var connection = session.Connection;
        connection.Execute($"ATTACH {SqlText.Literal(raw.Database.Path)} AS raw (READ_ONLY)");
        // Every rule's alerts are compared; the seed rule's are the quickstart's 10.
        Assert.Equal(10L, connection.ExecuteScalar<long>("SELECT count(*) FROM raw.alerts WHERE rule_id = $id", new { id = SeedRule.Id }));
        Assert.Equal(17000L, connection.ExecuteScalar<long>("SELECT count(*) FROM cloudtrail_events"));
        const string Alerts = "SELECT * EXCLUDE (created_at, updated_at) FROM {0}alerts";
        var mine = string.Format(System.Globalization.CultureInfo.InvariantCulture, Alerts, "");
        var theirs = string.Format(System.Globalization.CultureInfo.InvariantCulture, Alerts, "raw.");
        var extraAlerts = Differences(connection, mine, theirs, "alert_id");
        var missingAlerts = Differences(connection, theirs, mine, "alert_id");
        Assert.True(extraAlerts.Length == 0 && missingAlerts.Length == 0, $"alerts loaded:\n{extraAlerts}\nraw:\n{missingAlerts}");
        // The rule's inputs match event by event too, not only where they add up to alerts.
        var ruleInputs = "SELECT event_id, event_time, event_source, event_name, error_code, error_message, user_arn, account_id, " +
            "regexp_extract(request_parameters, '\"modelId\"\\s*:\\s*\"([^\"]+)\"', 1) AS model_id, source_ip, source_ip_address, " +
            "user_agent, user_type, user_principal_id, access_key_id, region, recipient_account_id" + exactColumns + " FROM {0}cloudtrail_events";
        var mineEvents = string.Format(System.Globalization.CultureInfo.InvariantCulture, ruleInputs, "");
        var theirEvents = string.Format(System.Globalization.CultureInfo.InvariantCulture, ruleInputs, "raw.");
        var extra = Differences(connection, mineEvents, theirEvents);
        var missing = Differences(connection, theirEvents, mineEvents);
        Assert.True(extra.Length == 0 && missing.Length == 0, $"loaded:\n{extra}\nraw:\n{missing}");
    }

    /// <summary>Up to three rows of <paramref name="left"/> that <paramref name="right"/> does not hold, as JSON text.</summary>
    private static string Differences(System.Data.IDbConnection connection, string left, string right, string orderBy = "event_id") =>
        string.Join("\n", connection.Query<string>($"SELECT to_json(d)::VARCHAR FROM ({left} EXCEPT ALL {right}) d ORDER BY {orderBy} LIMIT 3"));

    public void Dispose() => _db.Dispose();
}
