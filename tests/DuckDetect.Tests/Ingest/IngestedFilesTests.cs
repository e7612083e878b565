using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Each file gets one <c>ingested_files</c> row: what it is, what it held, how it went.</summary>
public sealed class IngestedFilesTests
{
    [Fact]
    public void Ingest_LoadedFile_RecordsPathSizeTimeFingerprintAndCounts()
    {
        using var db = new TempDatabase();
        var records = new List<object>(Events("f", 3))
        {
            EventWith("no-id", ("eventID", null)),
        };
        var path = db.WriteGzipInput("2024/05/01/f.json.gz", CloudTrailJson.Delivery(records));
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 5, 1, 12, 30, 15, 123, 456, DateTimeKind.Utc));
        var before = DateTime.UtcNow.AddSeconds(-1);

        RunIngest(db, db.InputFolder);

        var row = FileRow(db, path);
        Assert.Equal(path, row.Path);
        Assert.True(Path.IsPathFullyQualified(row.Path));
        Assert.Equal(new FileInfo(path).Length, row.SizeBytes);
        Assert.Equal("2024-05-01 12:30:15.123456", row.ModifiedAt);
        Assert.Equal(Sha256Of(path), row.Fingerprint);
        Assert.Equal("delivery+gzip", row.Format);
        Assert.Equal(4, row.EventsRead);
        Assert.Equal(3, row.EventsNew);
        Assert.Equal(1, row.EventsSkipped);
        Assert.Equal("loaded", row.Status);
        Assert.Null(row.Error);
        Assert.NotNull(row.IngestBatch);
        Assert.True(string.CompareOrdinal(row.IngestedAt, before.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)) > 0);
        Assert.Equal(row.IngestBatch, db.Scalar<long>("SELECT DISTINCT ingest_batch FROM cloudtrail_events"));
        Assert.Equal(path, db.Scalar<string>("SELECT DISTINCT source_file FROM cloudtrail_events"));
    }

    [Fact]
    public void Ingest_FailedFile_RecordsStatusFailedWithTheError()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("bad.json", "this is not json");

        RunIngest(db, path);

        var row = FileRow(db, path);
        Assert.Equal("failed", row.Status);
        Assert.Contains("not JSON", row.Error, StringComparison.Ordinal);
        Assert.Equal(new FileInfo(path).Length, row.SizeBytes);
        Assert.Equal(ModifiedAtText(path), row.ModifiedAt);
        Assert.Equal(Sha256Of(path), row.Fingerprint);
        Assert.Equal(0, row.EventsRead);
        Assert.Equal(0, row.EventsNew);
    }

    [Fact]
    public void Ingest_EachFile_GetsOneRowWithItsOwnCounts()
    {
        using var db = new TempDatabase();
        var a = db.WriteInput("a.json", CloudTrailJson.Delivery(Events("a", 2)));
        var b = db.WriteInput("b.jsonl", CloudTrailJson.Ndjson(Events("b", 5)));
        var c = db.WriteInput("c.json", "{\"Records\":[]}");

        RunIngest(db, db.InputFolder);
        File.SetLastWriteTimeUtc(b, File.GetLastWriteTimeUtc(b).AddSeconds(1));
        RunIngest(db, db.InputFolder);

        var rows = FileRows(db);
        Assert.Equal([a, b, c], rows.Select(r => r.Path));
        Assert.Equal([2L, 5, 0], rows.Select(r => r.EventsRead));
        Assert.Equal([2L, 0, 0], rows.Select(r => r.EventsNew));
        Assert.All(rows, r => Assert.Equal("loaded", r.Status));
        Assert.True(rows[1].IngestBatch > rows[0].IngestBatch, "the re-read file carries the later batch");
    }
}
