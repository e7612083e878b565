using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.S3;

/// <summary>
/// The command line with s3:// paths against the local server: the summary's requests and cost, status, progress on a
/// terminal, --profile, option errors, and secrets kept out of every output and table.
/// </summary>
public sealed class S3CliTests
{
    private static List<string> PutDay(S3TestBucket bucket, int files)
    {
        var time = S3Kit.Today.AddHours(1);
        var keys = Enumerable.Range(0, files).Select(i => S3TestBucket.DeliveryKey(time.AddMinutes(i), $"c{i:D3}")).ToList();
        bucket.PutMany(keys.Select((k, i) => (k, S3TestBucket.DeliveryFile($"cli{i}", 3, time.AddMinutes(i)))));
        return keys;
    }

    [Fact]
    public void Run_reports_its_requests_and_their_cost_and_status_shows_each_source()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        PutDay(bucket, 5);

        var run = Support.Cli.Run(["run", bucket.Url(), "--endpoint-url", bucket.Server.Endpoint, "--db", db.Path], S3Server.Environment);
        var json = Support.Cli.Run(["status", "--db", db.Path, "--format", "json"], S3Server.Environment);
        var table = Support.Cli.Run(["status", "--db", db.Path], S3Server.Environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("s3: credentials from environment variables (AWS_ACCESS_KEY_ID), region us-east-1, endpoint " + bucket.Server.Endpoint, run.Stderr, StringComparison.Ordinal);
        // The walk (bucket, AWSLogs/, account/, CloudTrail/, region/) and the new root listed whole: 6 LIST, 5 GET.
        Assert.Contains("; s3: 6 LIST and 5 GET request(s), 0.0 MB read, about $0.000032 in requests (us-east-1 prices)", run.Stderr, StringComparison.Ordinal);
        var report = JsonNode.Parse(json.Stdout)!;
        Assert.Equal(6, (long)report["last_ingest"]!["s3_list_requests"]!);
        Assert.Equal(5, (long)report["last_ingest"]!["s3_get_requests"]!);
        var source = report["s3_sources"]![0]!;
        Assert.Equal(bucket.Url(), (string)source["source"]!);
        Assert.Equal(1, (long)source["date_roots"]!);
        Assert.Equal(5, (long)source["objects_loaded"]!);
        Assert.Equal(S3Kit.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string)source["newest_day"]!);
        Assert.Equal(0.000032, (double)source["last_run_request_cost_usd"]!, 9);
        Assert.NotNull(source["last_reconciled_at"]);
        Assert.Contains("s3 sources", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(bucket.Url(), table.Stdout, StringComparison.Ordinal);
        Assert.Contains("$0.000032", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_on_a_terminal_draws_a_bar_of_objects_and_megabytes()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        PutDay(bucket, 40);
        var command = string.Join(' ', Support.Cli.Command.Concat(["ingest", bucket.Url(), "--endpoint-url", bucket.Server.Endpoint, "--db", db.Path, "--batch-mb", "1"])
            .Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var environment = S3Server.Environment;
        environment["TERM"] = "xterm-256color";
        environment["COLUMNS"] = "140";

        var result = ChildProcess.Run("script", ["-q", "-e", "-c", command, "/dev/null"], environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("━", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("40/40", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"ingest s3: [\d,]+ of [\d,]+ KB, 120 new events", result.Stdout);
        Assert.Contains("objects/s", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_profile_is_used_and_named_and_no_secret_reaches_an_output_or_a_table()
    {
        using var bucket = new S3TestBucket();
        using var db = new TempDatabase();
        PutDay(bucket, 2);
        var config = Path.Combine(db.Folder, "aws-config");
        var credentials = Path.Combine(db.Folder, "aws-credentials");
        File.WriteAllText(config, "[profile dd-reader]\nregion = eu-west-1\n");
        File.WriteAllText(credentials, $"[dd-reader]\naws_access_key_id = {S3Server.AccessKey}\naws_secret_access_key = {S3Server.SecretKey}\n");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "",
            ["AWS_SECRET_ACCESS_KEY"] = "",
            ["AWS_REGION"] = "",
            ["AWS_CONFIG_FILE"] = config,
            ["AWS_SHARED_CREDENTIALS_FILE"] = credentials,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };

        var run = Support.Cli.Run(["run", bucket.Url(), "--profile", "dd-reader", "--endpoint-url", bucket.Server.Endpoint, "--db", db.Path], environment);
        var status = Support.Cli.Run(["status", "--db", db.Path, "--format", "json"], environment);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("s3: credentials from profile dd-reader, region eu-west-1", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(6, IngestKit.EventCount(db));
        foreach (var output in new[] { run.Stdout, run.Stderr, status.Stdout, status.Stderr })
        {
            Assert.DoesNotContain(S3Server.SecretKey, output, StringComparison.Ordinal);
        }
        foreach (var file in new[] { db.Path, Path.ChangeExtension(db.Path, ".alerts.duckdb") })
        {
            Assert.Equal(0, CountSecret(file));
        }
    }

    /// <summary>Rows of any text column of any table of the file that hold the tests' secret key.</summary>
    private static long CountSecret(string file)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"DataSource={file};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var columns = connection.Query<(string Table, string Column)>(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' AND NOT internal AND schema_name = 'main'").ToList();
        Assert.NotEmpty(columns);
        return columns.Sum(c => connection.ExecuteScalar<long>(
            $"SELECT count(*) FROM \"{c.Table}\" WHERE \"{c.Column}\" LIKE '%' || $secret || '%'", new { secret = S3Server.SecretKey }));
    }

    [Theory]
    [InlineData("--endpoint-url", "ftp://127.0.0.1:1", "--endpoint-url 'ftp://127.0.0.1:1' is not an http:// or https:// URL")]
    [InlineData("--endpoint-url", "http://key:secret@127.0.0.1:1", "--endpoint-url must not carry credentials (user:password@): give them as AWS credentials (environment, profile)")]
    [InlineData("--lookback-days", "-1", "--lookback-days must be from 0 to 366")]
    [InlineData("--s3-parallel", "0", "--s3-parallel must be from 1 to 256")]
    [InlineData("--reconcile-hours", "0", "--reconcile-hours must be more than 0")]
    public void An_invalid_S3_option_exits_64_before_anything_is_read(string option, string value, string message)
    {
        using var db = new TempDatabase();

        var result = Support.Cli.Run(["ingest", "s3://some-bucket/", option, value, "--db", db.Path], S3Server.Environment);

        Assert.Equal(64, result.ExitCode);
        Assert.Equal($"duckdetect: {message}", result.Stderr.Trim());
    }

    [Fact]
    public void A_location_that_is_not_an_S3_bucket_exits_64()
    {
        using var db = new TempDatabase();

        var result = Support.Cli.Run(["run", "s3://Not_A_Bucket/x/", "--db", db.Path], S3Server.Environment);

        Assert.Equal(64, result.ExitCode);
        Assert.StartsWith("duckdetect: s3://Not_A_Bucket/x/: not an S3 location", result.Stderr, StringComparison.Ordinal);
    }
}
