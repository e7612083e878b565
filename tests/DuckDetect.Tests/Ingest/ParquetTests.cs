using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Parquet whose columns carry CloudTrail's own field names, objects as structs or as JSON text.</summary>
public sealed class ParquetTests
{
    private const string ScalarColumns =
        """
        '1.09' AS eventVersion, 'p-' || i AS eventID, '2024-05-01T12:00:0' || i || 'Z' AS eventTime,
        'bedrock.amazonaws.com' AS eventSource, 'InvokeModel' AS eventName, 'AwsApiCall' AS eventType,
        'us-east-1' AS awsRegion, '198.51.100.7' AS sourceIPAddress, 'Boto3/1.34.0' AS userAgent,
        '111122223333' AS recipientAccountId, true AS readOnly, 'Management' AS eventCategory
        """;

    private const string StructObjects =
        """
        {'type': 'AssumedRole', 'principalId': 'AROAEXAMPLE:probe',
         'arn': 'arn:aws:sts::444455556666:assumed-role/prober/session', 'accountId': '444455556666',
         'accessKeyId': 'ASIAEXAMPLE',
         'sessionContext': {'sessionIssuer': {'type': 'Role', 'arn': 'arn:aws:iam::444455556666:role/prober',
                                              'userName': 'prober'},
                            'attributes': {'mfaAuthenticated': 'false'}}} AS userIdentity,
        {'modelId': 'anthropic.claude-3-haiku-20240307-v1:0', 'contentType': 'application/json'} AS requestParameters,
        CAST(NULL AS STRUCT(x VARCHAR)) AS responseElements,
        [{'ARN': 'arn:aws:bedrock:us-east-1::foundation-model/x', 'accountId': '444455556666'}] AS resources
        """;

    private const string JsonTextObjects =
        """
        '{"type":"AssumedRole","principalId":"AROAEXAMPLE:probe","arn":"arn:aws:sts::444455556666:assumed-role/prober/session","accountId":"444455556666","accessKeyId":"ASIAEXAMPLE","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::444455556666:role/prober","userName":"prober"},"attributes":{"mfaAuthenticated":"false"}}}' AS userIdentity,
        '{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","contentType":"application/json"}' AS requestParameters,
        CAST(NULL AS VARCHAR) AS responseElements,
        '[{"ARN":"arn:aws:bedrock:us-east-1::foundation-model/x","accountId":"444455556666"}]' AS resources
        """;

    [Theory]
    [InlineData("structs")]
    [InlineData("json-text")]
    public void Ingest_ParquetWithCloudTrailColumns_LoadsAndNormalizes(string objects)
    {
        using var db = new TempDatabase();
        var path = WriteParquet(Path.Combine(db.InputFolder, "events.parquet"),
            $"SELECT {ScalarColumns}, {(objects == "structs" ? StructObjects : JsonTextObjects)} FROM range(3) t(i)");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["p-0", "p-1", "p-2"], EventIds(db));
        Assert.Equal("2024-05-01 12:00:02.000000", EventTime(db, "p-2"));
        Assert.Equal("parquet", FileRow(db, path).Format);
        var row = EventRow(db, "p-0");
        Assert.Equal("AssumedRole", row["user_type"]);
        Assert.Equal("arn:aws:sts::444455556666:assumed-role/prober/session", row["user_arn"]);
        Assert.Equal("444455556666", row["account_id"]);
        Assert.Equal("444455556666", row["user_account_id"]);
        Assert.Equal("111122223333", row["recipient_account_id"]);
        Assert.Equal("ASIAEXAMPLE", row["access_key_id"]);
        Assert.Equal("arn:aws:iam::444455556666:role/prober", row["session_issuer_arn"]);
        Assert.Equal("prober", row["session_issuer_user_name"]);
        Assert.Equal("false", row["session_mfa_authenticated"]);
        Assert.Equal("198.51.100.7", row["source_ip"]);
        Assert.Equal("true", row["read_only"]);
        Assert.Null(row["response_elements"]);
        using var parameters = JsonDocument.Parse(row["request_parameters"]!);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", parameters.RootElement.GetProperty("modelId").GetString());
        using var resources = JsonDocument.Parse(row["resources"]!);
        Assert.Equal("444455556666", resources.RootElement[0].GetProperty("accountId").GetString());
    }

    [Fact]
    public void Ingest_ParquetWithTimestampTypedEventTime_LoadsAsUtc()
    {
        using var db = new TempDatabase();
        var path = WriteParquet(Path.Combine(db.InputFolder, "typed.parquet"),
            """
            SELECT 'ts-1' AS eventID, TIMESTAMP '2024-05-01 12:00:00.123456' AS eventTime,
                   'bedrock.amazonaws.com' AS eventSource, 'Converse' AS eventName
            UNION ALL
            SELECT 'ts-2', TIMESTAMP '2024-05-01 12:00:01', 'bedrock.amazonaws.com', 'Converse'
            """);
        var zoned = WriteParquet(Path.Combine(db.InputFolder, "zoned.parquet"),
            """
            SELECT 'tz-1' AS eventID, TIMESTAMPTZ '2024-05-01 14:00:00.5+02' AS eventTime,
                   'bedrock.amazonaws.com' AS eventSource, 'Converse' AS eventName
            """);

        var run = RunIngest(db, path, zoned);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal("2024-05-01 12:00:00.123456", EventTime(db, "ts-1"));
        Assert.Equal("2024-05-01 12:00:01.000000", EventTime(db, "ts-2"));
        Assert.Equal("2024-05-01 12:00:00.500000", EventTime(db, "tz-1"));
    }

    [Fact]
    public void Ingest_ParquetWithOnlyTheRequiredColumns_LoadsWithTheRestNull()
    {
        using var db = new TempDatabase();
        var path = WriteParquet(Path.Combine(db.InputFolder, "minimal.parquet"),
            "SELECT 'm-1' AS eventID, '2024-05-01 12:00:00' AS eventTime, 's3.amazonaws.com' AS eventSource, 'GetObject' AS eventName");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["m-1"], EventIds(db));
        var row = EventRow(db, "m-1");
        Assert.Null(row["user_arn"]);
        Assert.Null(row["account_id"]);
        Assert.Null(row["request_parameters"]);
    }

    [Fact]
    public void Ingest_ParquetGzipAndJsonTogether_LoadsAllInOneCall()
    {
        using var db = new TempDatabase();
        var parquet = WriteParquet(Path.Combine(db.InputFolder, "a.parquet"),
            "SELECT 'pq-1' AS eventID, '2024-05-01T12:00:00Z' AS eventTime, 'x.amazonaws.com' AS eventSource, 'X' AS eventName");
        db.WriteGzipInput("b.json.gz", CloudTrailJson.Delivery(Events("gz", 2)));
        db.WriteInput("c.jsonl", CloudTrailJson.Ndjson(Events("nd", 2)));

        var run = RunIngest(db, db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(3, run.Summary.FilesLoaded);
        Assert.Equal(["gz-0", "gz-1", "nd-0", "nd-1", "pq-1"], EventIds(db));
        Assert.Equal(1, EventCountFrom(db, parquet));
    }

    [Fact]
    public void Ingest_TruncatedParquet_FailsAloneWithDuckDbsReason()
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 1)));
        var path = WriteParquet(Path.Combine(db.InputFolder, "cut.parquet"),
            "SELECT 'c-' || i AS eventID, '2024-05-01T12:00:00Z' AS eventTime, 's' AS eventSource, 'n' AS eventName FROM range(100) t(i)");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var run = RunIngest(db, good, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal(path, failure.Path);
        Assert.Equal("failed", FileRow(db, path).Status);
        Assert.Equal(["good-0"], EventIds(db));
    }
}
