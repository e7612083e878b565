using System.Text.Json;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// Bad OCSF and ECS input gets what bad CloudTrail gets: the file is reported with the reason, recorded as failed,
/// adds no rows (none of its good records either), every other file of the call loads, and the fixed file loads on the
/// next call. Each case is loaded in a batch with a good file, and the exact way as well as directly.
/// </summary>
public sealed class SourceBadInputTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "ocsf-wrong-class", "OCSF class 4001 is not CloudTrail's API Activity (6003 or 3005), Account Change (3001) or Authentication (3002)" },
        { "ocsf-without-class", "OCSF class missing is not CloudTrail's API Activity" },
        { "ocsf-without-time", "OCSF record without time (epoch milliseconds)" },
        { "ocsf-without-uid", "OCSF record without metadata.uid (the event id)" },
        { "ocsf-parquet-other-class", "OCSF class 4001 is not CloudTrail's" },
        { "ocsf-parquet-without-time", "OCSF record without time" },
        { "ecs-without-id", "ECS document without event.id (and without event.original)" },
        { "ecs-without-timestamp", "ECS document without @timestamp (and without event.original)" },
        { "ecs-other-dataset", "ECS document of dataset aws.guardduty, not aws.cloudtrail" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Ingest_BadSourceFile_FailsAloneWithTheReasonAndLoadsOnceFixed(string kind, string reason)
    {
        foreach (var exactOnly in new[] { false, true })
        {
            using var db = new TempDatabase();
            var good = db.WriteInput("a-good.json", CloudTrailJson.Delivery(Events("good", 3)));
            var bad = WriteBad(db, kind);
            var options = new Core.Ingest.IngestOptions { ExactOnly = exactOnly };

            var run = RunIngest(db, options, good, bad);

            var failure = Assert.Single(run.Summary.Failures);
            Assert.Equal(bad, failure.Path);
            Assert.Contains(reason, failure.Reason, StringComparison.Ordinal);
            Assert.Contains(run.Status.Errors, e => e.StartsWith(bad + ": ", StringComparison.Ordinal) && e.Contains(reason, StringComparison.Ordinal));
            var row = FileRow(db, bad);
            Assert.Equal("failed", row.Status);
            Assert.Contains(reason, row.Error, StringComparison.Ordinal);
            Assert.Equal(0, EventCountFrom(db, bad));
            Assert.Equal(["good-0", "good-1", "good-2"], EventIds(db));

            if (!exactOnly)
            {
                File.Delete(bad);
                var fixedPath = WriteGood(db, kind, bad);
                var again = RunIngest(db, options, good, fixedPath);
                Assert.Empty(again.Summary.Failures);
                Assert.Equal(2, EventCountFrom(db, fixedPath));
            }
        }
    }

    [Fact]
    public void Ingest_OcsfFileWithBadRecordAmongGoodOnes_AddsNone()
    {
        using var db = new TempDatabase();
        var records = Enumerable.Range(0, 5).Select(i => Ocsf($"ok-{i}", 6003)).Append(Ocsf("bad", 4001));
        var path = db.WriteInput("mixed.json", string.Join('\n', records.Select(r => JsonSerializer.Serialize(r))) + "\n");

        var run = RunIngest(db, path);

        Assert.Single(run.Summary.Failures);
        Assert.Equal(0, EventCount(db));
    }

    [Fact]
    public void Cli_IngestOfABadOcsfFile_ExitsWith65AndNamesTheFile()
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("a-good.json", CloudTrailJson.Delivery(Events("good", 2)));
        var bad = WriteBad(db, "ocsf-wrong-class");

        var result = Support.Cli.Run("ingest", good, bad, "--db", db.Path);

        Assert.Equal(65, result.ExitCode);
        Assert.Contains($"error: {bad}: OCSF class 4001 is not CloudTrail's", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2L, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
    }

    private static string WriteBad(TempDatabase db, string kind)
    {
        switch (kind)
        {
            case "ocsf-wrong-class":
                return NdjsonOf(db, "b-bad.json", Ocsf("x-0", 6003), Ocsf("x-1", 4001));
            case "ocsf-without-class":
            {
                var record = Ocsf("x-0", 6003);
                record.Remove("class_uid");
                record["activity_id"] = 1;
                return NdjsonOf(db, "b-bad.json", record);
            }
            case "ocsf-without-time":
            {
                var record = Ocsf("x-0", 6003);
                record.Remove("time");
                return NdjsonOf(db, "b-bad.json", Ocsf("x-1", 6003), record);
            }
            case "ocsf-without-uid":
            {
                var record = Ocsf("x-0", 3005);
                ((Dictionary<string, object?>)record["metadata"]!).Remove("uid");
                return NdjsonOf(db, "b-bad.json", record);
            }
            case "ocsf-parquet-other-class":
                // A Security Lake VPC Flow Logs file (Network Activity): no api, an src/dst endpoint pair.
                return WriteParquet(Path.Combine(db.InputFolder, "b-bad.gz.parquet"),
                    "SELECT 4001 AS class_uid, 6 AS activity_id, 1714564800000::BIGINT AS time, " +
                    "{'uid': 'flow-' || i, 'version': '1.1.0'} AS metadata, {'ip': '10.0.0.1', 'port': 443} AS src_endpoint, " +
                    "{'ip': '10.0.0.2', 'port': 51000} AS dst_endpoint FROM range(3) t(i)");
            case "ocsf-parquet-without-time":
                return WriteParquet(Path.Combine(db.InputFolder, "b-bad.gz.parquet"),
                    "SELECT 6003 AS class_uid, {'uid': 'x-' || i, 'version': '1.1.0'} AS metadata, " +
                    "{'operation': 'InvokeModel', 'service': {'name': 'bedrock.amazonaws.com'}} AS api FROM range(3) t(i)");
            case "ecs-without-id":
                return NdjsonOf(db, "b-bad.json", Ecs("x-0"), Ecs(null));
            case "ecs-without-timestamp":
            {
                var doc = Ecs("x-0");
                doc.Remove("@timestamp");
                return NdjsonOf(db, "b-bad.json", doc);
            }
            case "ecs-other-dataset":
            {
                var doc = Ecs("x-0");
                ((Dictionary<string, object?>)doc["event"]!)["dataset"] = "aws.guardduty";
                return NdjsonOf(db, "b-bad.json", doc);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The bad file made good, as the same kind of input: two events, fixed-0 and fixed-1.</summary>
    private static string WriteGood(TempDatabase db, string kind, string bad) => kind switch
    {
        _ when kind.StartsWith("ocsf-parquet", StringComparison.Ordinal) => WriteParquet(bad,
            "SELECT 6003 AS class_uid, 1714564800000::BIGINT + i AS time, {'uid': 'fixed-' || i, 'version': '1.1.0'} AS metadata, " +
            "{'operation': 'InvokeModel', 'service': {'name': 'bedrock.amazonaws.com'}} AS api FROM range(2) t(i)"),
        _ when kind.StartsWith("ocsf", StringComparison.Ordinal) => NdjsonOf(db, Path.GetFileName(bad), Ocsf("fixed-0", 6003), Ocsf("fixed-1", 3005)),
        _ => NdjsonOf(db, Path.GetFileName(bad), Ecs("fixed-0"), Ecs("fixed-1")),
    };

    private static string NdjsonOf(TempDatabase db, string name, params object[] records) =>
        db.WriteInput(name, string.Join('\n', records.Select(r => JsonSerializer.Serialize(r))) + "\n");

    private static Dictionary<string, object?> Ocsf(string uid, int classUid) =>
        SecurityLakeOcsfTests.OcsfRecord(uid, classUid == 3005 ? "1.0.0-rc.2" : "1.1.0", classUid, new Dictionary<string, string>());

    private static Dictionary<string, object?> Ecs(string? id)
    {
        var doc = new Dictionary<string, object?>
        {
            ["@timestamp"] = "2024-05-01T12:00:00.000Z",
            ["event"] = new Dictionary<string, object?> { ["provider"] = "bedrock.amazonaws.com", ["action"] = "InvokeModel", ["outcome"] = "success" },
            ["aws"] = new Dictionary<string, object?>
            {
                ["cloudtrail"] = new Dictionary<string, object?>
                {
                    ["request_parameters"] = "{modelId=anthropic.claude-v2}",
                    ["user_identity"] = new Dictionary<string, object?> { ["type"] = "IAMUser", ["arn"] = "arn:aws:iam::111122223333:user/alice" },
                },
            },
            ["cloud"] = new Dictionary<string, object?> { ["account"] = new Dictionary<string, object?> { ["id"] = "111122223333" }, ["region"] = "us-east-1" },
        };
        if (id is not null)
        {
            ((Dictionary<string, object?>)doc["event"]!)["id"] = id;
        }
        return doc;
    }
}
