using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// The public CloudTrail samples in ../shared/data/real/ (see SOURCES.md and MANIFEST.tsv there).
/// The expected figures were computed independently of DuckDetect, with python3's json and gzip modules: every
/// file under the folder (or matching the pattern) was loaded whole; its records are the "Records" list of a
/// delivery file, the elements of an array, the object itself, or one object per line; "unique" is the number of
/// distinct eventID values among records that have both a non-empty eventID and eventTime; "IP" counts those
/// unique events whose sourceIPAddress is an IPv4 (octets 0-255, leading zeros allowed) or IPv6 address.
/// </summary>
public sealed class RealDataTests
{
    [Theory]
    // folder or pattern,                    files, records, unique, with IP, also loaded the exact way
    [InlineData("invictus-ir-aws_dataset", 55, 2900, 2900, 2547, true)]
    [InlineData("sans-504-s3-ransomware-lab", 3872, 30477, 23981, 1866, false)]
    [InlineData("umccr-cloudtrail-parquet-lambda", 5, 185, 184, 180, true)]
    [InlineData("stratus-red-team", 37, 312, 310, 310, false)]
    [InlineData("traildiscover", 336, 315, 314, 314, false)]
    [InlineData("elastic-integrations/test-*.log", 6, 10, 9, 6, false)]
    public void Ingest_RealCloudTrailSample_LoadsEveryUniqueEvent(string source, int files, int records, int unique, int withIp, bool exactToo)
    {
        using var db = new TempDatabase();

        var run = RunIngest(db, RealData.PathOf(source));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(files, run.Summary.FilesListed);
        Assert.Equal(files, run.Summary.FilesLoaded);
        Assert.Equal(records, run.Summary.EventsRead);
        Assert.Equal(unique, run.Summary.EventsNew);
        Assert.Equal(0, run.Summary.EventsSkipped);
        Assert.Equal(unique, EventCount(db));
        Assert.Equal(unique, db.Scalar<long>("SELECT count(DISTINCT event_id) FROM cloudtrail_events"));
        Assert.Equal(files, db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status = 'loaded'"));
        Assert.Equal(records, db.Scalar<long>("SELECT CAST(sum(events_read) AS BIGINT) FROM ingested_files"));
        Assert.Equal(unique, db.Scalar<long>("SELECT CAST(sum(events_new) AS BIGINT) FROM ingested_files"));
        Assert.Equal(withIp, db.Scalar<long>("SELECT count(source_ip) FROM cloudtrail_events"));
        Assert.Equal(unique, db.Scalar<long>("SELECT count(source_ip_address) FROM cloudtrail_events"));
        Assert.Equal(unique, db.Scalar<long>("SELECT count(account_id) FROM cloudtrail_events"));
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_source IS NULL OR event_name IS NULL"));
        if (exactToo || !TestStrength.Quick)
        {
            // The staged, counted and deduplicated load leaves the same rows as the single pass (LoadPathTests).
            using var exact = new TempDatabase();
            RunIngest(exact, ExactOnly, RealData.PathOf(source));
            AssertSameLoads(db, exact);
        }
    }

    [Fact]
    public void Ingest_RealSampleTwice_SecondCallSkipsEveryFile()
    {
        using var db = new TempDatabase();
        var folder = RealData.PathOf("umccr-cloudtrail-parquet-lambda");
        RunIngest(db, folder);

        var second = RunIngest(db, folder);

        Assert.Equal(5, second.Summary.FilesUnchanged);
        Assert.Equal(0, second.Summary.EventsRead);
        Assert.Equal(184, EventCount(db));
    }

    [Fact]
    public void Ingest_RealRecursiveGlob_LoadsTheGzipFilesOfOneRegion()
    {
        using var db = new TempDatabase();
        var pattern = Path.Combine(RealData.PathOf("sans-504-s3-ransomware-lab"), "eu-west-1", "**", "*.json.gz");
        var expectedFiles = Directory.GetFiles(RealData.PathOf("sans-504-s3-ransomware-lab/eu-west-1"), "*.json.gz", SearchOption.AllDirectories);

        var run = RunIngest(db, pattern);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(expectedFiles.Length, run.Summary.FilesLoaded);
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE region <> 'eu-west-1'"));
    }

    [Fact]
    public void Ingest_RealEmptyRecordsFile_LoadsWithNoEvents()
    {
        using var db = new TempDatabase();
        var path = RealData.PathOf(
            "umccr-cloudtrail-parquet-lambda/AWSLogs/o-abcd/811596193553/CloudTrail/ap-southeast-1/2020/09/30/811596193553_CloudTrail_ap-southeast-1-20200930T2358.json");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        var row = FileRow(db, path);
        Assert.Equal("loaded", row.Status);
        Assert.Equal(0, row.EventsRead);
        Assert.Equal(0, EventCount(db));
    }

    [Fact]
    public void Ingest_RealStratusBedrockInvokeModel_LandsWithModelId()
    {
        using var db = new TempDatabase();
        var run = RunIngest(db, RealData.PathOf("stratus-red-team/aws.impact.bedrock-invoke-model.json"));
        Assert.Empty(run.Summary.Failures);

        var row = EventRow(db, "51d580ea-04f5-421c-b733-b5e4ec485a6e");
        Assert.Equal("bedrock.amazonaws.com", row["event_source"]);
        Assert.Equal("InvokeModel", row["event_name"]);
        Assert.Equal("2024-10-17 20:11:24.000000", row["event_time"]);
        Assert.Equal("arn:aws:sts::494659789341:assumed-role/test-role/cli", row["user_arn"]);
        Assert.Equal("494659789341", row["account_id"]);
        Assert.Equal("megov-northeast-1r", row["region"]);
        Assert.Equal("035.249.253.232", row["source_ip"]);
        Assert.Equal("ASIA6FTSFH98XNF7DFZB", row["access_key_id"]);
        Assert.Equal("Management", row["event_category"]);
        using var parameters = JsonDocument.Parse(row["request_parameters"]!);
        Assert.Equal("anthropic.claude-3-sonnet-20240229-v1:0", parameters.RootElement.GetProperty("modelId").GetString());
        Assert.Contains("\"modelId\"", row["request_parameters"], StringComparison.Ordinal);
        Assert.Equal(15, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_source = 'bedrock.amazonaws.com'"));
    }

    [Fact]
    public void Ingest_RealElasticConverseEvent_LandsWithModelId()
    {
        using var db = new TempDatabase();
        var path = RealData.PathOf("elastic-integrations/test-converse-json.log");
        var run = RunIngest(db, path);
        Assert.Empty(run.Summary.Failures);
        Assert.Equal("ndjson", FileRow(db, path).Format);

        var row = EventRow(db, "3d67c35a-eef1-4d64-9620-77af8f372ae7");
        Assert.Equal("bedrock.amazonaws.com", row["event_source"]);
        Assert.Equal("Converse", row["event_name"]);
        Assert.Equal("2024-10-29 15:51:44.000000", row["event_time"]);
        Assert.Equal("arn:aws:sts::00000000000:assumed-role/private-ec2-instance-role/i-03cd6b2a7eb4bf3ae", row["user_arn"]);
        Assert.Equal("00000000000", row["account_id"]);
        Assert.Equal("216.160.83.56", row["source_ip"]);
        Assert.Equal("private-ec2-instance-role", row["session_issuer_user_name"]);
        Assert.Equal("false", row["session_mfa_authenticated"]);
        using var parameters = JsonDocument.Parse(row["request_parameters"]!);
        Assert.Equal("anthropic.claude-3-5-sonnet-20240620-v1:0", parameters.RootElement.GetProperty("modelId").GetString());
    }

    [Fact]
    public void Ingest_RealElasticHostnameAndListSourceAddresses_KeepTheTextWithoutAnIp()
    {
        using var db = new TempDatabase();
        RunIngest(db, RealData.PathOf("elastic-integrations/test-*.log"));

        var rows = db.Query<(string Text, string? Ip)>(
            "SELECT source_ip_address, source_ip FROM cloudtrail_events WHERE source_ip IS NULL ORDER BY 1");
        Assert.Equal([("81.2.69.142, 192.168.10.10", (string?)null), ("ec2.amazonaws.com", null), ("redacted", null)], rows);
    }

    [Fact]
    public void Ingest_RealPantherTimeFormat_IsReadAsUtc()
    {
        using var db = new TempDatabase();
        var path = RealData.PathOf("stratus-red-team/not-on-main/aws.defense-evasion.bedrock-guardrail-delete.json");
        using var source = JsonDocument.Parse(File.ReadAllText(path));
        var expectedTime = source.RootElement.GetProperty("eventTime").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}$", expectedTime);

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(0, run.Summary.EventsSkipped);
        Assert.Equal(expectedTime[..26], db.Scalar<string>("SELECT strftime(event_time, '%Y-%m-%d %H:%M:%S.%f') FROM cloudtrail_events"));
    }

    [Fact]
    public void Ingest_RealOcsfRecord_IsReadAsSecurityLakeOcsf()
    {
        using var db = new TempDatabase();
        var path = RealData.PathOf("elastic-integrations/amazon_security_lake-test-api-activity.log");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(1, EventCount(db));
        Assert.Equal("ndjson+ocsf", FileRow(db, path).Format);
    }

    /// <summary>
    /// AWS's parser fixtures carry placeholder values and no eventID at all (checked with python3), so every record is
    /// skipped and counted; unknown fields (in the root, in userIdentity, anywhere) are ignored; the deliberately
    /// malformed file fails on its own with DuckDB's reason.
    /// </summary>
    [Theory]
    [InlineData("SerializerAllFieldsNull.json", "loaded", 2)]
    [InlineData("SerializerTestFile.json", "loaded", 6)]
    [InlineData("SerializerTestFileBadFieldName.json", "loaded", 2)]
    [InlineData("SerializerTestFileBadJsonFormat.json", "failed", 0)]
    [InlineData("SerializerTestFileCompact.json", "loaded", 6)]
    [InlineData("SerializerTestFileCompact.json.gz", "loaded", 6)]
    [InlineData("SerializerTestFileLocation.json", "loaded", 6)]
    [InlineData("SerializerTestFileMissField.json", "loaded", 4)]
    [InlineData("SerializerTestFileNewFieldAtRandomPlaces.json", "loaded", 2)]
    [InlineData("SerializerTestFileNewFieldName.json", "loaded", 2)]
    [InlineData("SerializerTestFileNewFieldsInRoot.json", "loaded", 2)]
    [InlineData("SerializerTestFileNewFieldsInUserIdentity.json", "loaded", 2)]
    [InlineData("SerializerVariousUserIdentityTestFile.json", "loaded", 1)]
    public void Ingest_AwsProcessingLibraryFixture_LoadsOrFailsAsItShould(string name, string status, int records)
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 1)));
        var path = RealData.PathOf("aws-cloudtrail-processing-library/" + name);

        var run = RunIngest(db, good, path);

        var row = FileRow(db, path);
        Assert.Equal(status, row.Status);
        Assert.Equal(records, row.EventsRead);
        Assert.Equal(records, row.EventsSkipped);
        Assert.Equal(0, row.EventsNew);
        Assert.Equal(["good-0"], EventIds(db));
        if (status == "failed")
        {
            var failure = Assert.Single(run.Summary.Failures);
            Assert.Equal(path, failure.Path);
            Assert.Contains("Malformed JSON", failure.Reason, StringComparison.Ordinal);
            Assert.Contains(run.Status.Errors, e => e.StartsWith(path + ": Malformed JSON", StringComparison.Ordinal));
        }
        else
        {
            Assert.Empty(run.Summary.Failures);
            Assert.Contains(run.Status.Warnings, w => w.StartsWith(path + $": {records} of {records} record(s) skipped", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Ingest_AwsProcessingLibraryFolder_FailsOnlyTheMalformedFile()
    {
        using var db = new TempDatabase();

        var run = RunIngest(db, RealData.PathOf("aws-cloudtrail-processing-library"));

        var failure = Assert.Single(run.Summary.Failures);
        Assert.EndsWith("SerializerTestFileBadJsonFormat.json", failure.Path, StringComparison.Ordinal);
        Assert.Equal(12, run.Summary.FilesLoaded);
        Assert.Equal(41, run.Summary.EventsRead);
        Assert.Equal(41, run.Summary.EventsSkipped);
        Assert.Equal(0, EventCount(db));
    }
}
