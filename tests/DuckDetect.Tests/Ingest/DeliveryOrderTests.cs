using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Files load in delivery-time order, so that each batch is a stretch of time across accounts and regions.</summary>
public sealed class DeliveryOrderTests
{
    [Theory]
    [InlineData("AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/02/111122223333_CloudTrail_us-east-1_20260102T0935Z_XzKyGWua8j5HMAPt.json.gz", "2026-01-02T09:35:00Z")]
    [InlineData("342082656213_CloudTrail_eu-west-1_20210729T2355Z_d8K4eSPV0RAy0jfj.json", "2021-07-29T23:55:00Z")]
    [InlineData("events.jsonl", null)]
    [InlineData("111122223333_CloudTrail-Digest_us-east-1_20260102T0935Z.json.gz", null)]
    [InlineData("111122223333_CloudTrail_us-east-1_20261399T0935Z_x.json.gz", null)]
    public void DeliveryTime_ReadsTheTimeInACloudTrailFileName(string path, string? expected)
    {
        var time = DeliveryOrder.DeliveryTime(path);

        Assert.Equal(expected is null ? null : DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal), time);
    }

    [Fact]
    public void Sort_NamesWithoutTimeFirstInPathOrder_ThenByDeliveryTime()
    {
        var files = new[]
        {
            "a/111122223333_CloudTrail_us-east-1_20260101T0010Z_a.json.gz",
            "a/111122223333_CloudTrail_us-east-1_20260101T0020Z_b.json.gz",
            "b/444455556666_CloudTrail_eu-west-1_20260101T0005Z_c.json.gz",
            "b/444455556666_CloudTrail_eu-west-1_20260101T0020Z_d.json.gz",
            "z.jsonl",
            "m.json",
        }.Select(p => new PendingFile(p, 1, DateTimeOffset.UnixEpoch));

        var sorted = DeliveryOrder.Sort(files).Select(f => Path.GetFileName(f.Path));

        Assert.Equal(
            ["z.jsonl", "m.json", "444455556666_CloudTrail_eu-west-1_20260101T0005Z_c.json.gz",
             "111122223333_CloudTrail_us-east-1_20260101T0010Z_a.json.gz",
             "111122223333_CloudTrail_us-east-1_20260101T0020Z_b.json.gz",
             "444455556666_CloudTrail_eu-west-1_20260101T0020Z_d.json.gz"],
            sorted);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(1)]
    public void Ingest_SameEventIdInTwoDeliveryFiles_TheEarlierDeliveredWins(int batchFiles)
    {
        // Later in path order, earlier in delivery time: delivery order decides, in one batch or one per file.
        using var db = new TempDatabase();
        var later = db.WriteInput("a/111122223333_CloudTrail_us-east-1_20240501T1220Z_a.json",
            CloudTrailJson.Delivery([EventWith("dup", ("userAgent", "delivered-later"))]));
        var earlier = db.WriteInput("b/111122223333_CloudTrail_us-east-1_20240501T1210Z_b.json",
            CloudTrailJson.Delivery([EventWith("dup", ("userAgent", "delivered-earlier"))]));

        RunIngest(db, new IngestOptions { BatchFiles = batchFiles }, db.InputFolder);

        Assert.Equal("delivered-earlier", EventRow(db, "dup")["user_agent"]);
        Assert.Equal(earlier, EventRow(db, "dup")["source_file"]);
        Assert.Equal((1L, 0L), (FileRow(db, earlier).EventsNew, FileRow(db, later).EventsNew));
    }

    [Fact]
    public void Ingest_TwoAccountsOverTwoHours_EachBatchIsOneHourOfBoth()
    {
        using var db = new TempDatabase();
        var hour = TimeSpan.FromHours(1);
        foreach (var (account, region) in new[] { ("111122223333", "us-east-1"), ("444455556666", "eu-west-1") })
        {
            for (var h = 0; h < 2; h++)
            {
                var start = T0 + (h * hour);
                var name = $"AWSLogs/{account}/CloudTrail/{region}/2024/05/01/{account}_CloudTrail_{region}_{start:yyyyMMdd'T'HHmm}Z_{h}.json.gz";
                db.WriteGzipInput(name, CloudTrailJson.Delivery(Events($"{account}-{h}", 5, start)));
            }
        }

        var run = RunIngest(db, new IngestOptions { BatchFiles = 2 }, db.InputFolder);

        Assert.Equal(20, run.Summary.EventsNew);
        var batches = db.Query<(long Batch, long Accounts, string First, string Last)>(
            "SELECT ingest_batch, count(DISTINCT regexp_extract(source_file, '(\\d{12})_CloudTrail_', 1)), strftime(timezone('UTC', min(event_time)), '%H:%M'), " +
            "strftime(timezone('UTC', max(event_time)), '%H:%M') " +
            "FROM cloudtrail_events GROUP BY ingest_batch ORDER BY ingest_batch");
        Assert.Equal(2, batches.Count);
        Assert.All(batches, b => Assert.Equal(2, b.Accounts));
        Assert.Equal(("12:00", "12:00"), (batches[0].First, batches[0].Last));
        Assert.Equal(("13:00", "13:00"), (batches[1].First, batches[1].Last));
    }
}
