using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Ingesting again never duplicates an event, and unchanged files are not read again.</summary>
public sealed class IdempotencyTests
{
    [Fact]
    public void Ingest_SameFileTwice_StoresEventsOnce()
    {
        using var db = new TempDatabase();
        var path = db.WriteGzipInput("a.json.gz", CloudTrailJson.Delivery(Events("a", 4)));

        RunIngest(db, path);
        // A newer modification time makes the second call read the file again.
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        var second = RunIngest(db, path);

        Assert.Empty(second.Summary.Failures);
        Assert.Equal(1, second.Summary.FilesLoaded);
        Assert.Equal(4, second.Summary.EventsRead);
        Assert.Equal(0, second.Summary.EventsNew);
        Assert.Equal(["a-0", "a-1", "a-2", "a-3"], EventIds(db));
        var row = FileRow(db, path);
        Assert.Equal(4, row.EventsRead);
        Assert.Equal(0, row.EventsNew);
    }

    [Fact]
    public void Ingest_SamePathNamedTwiceInOneCall_IsListedAndLoadedOnce()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("a.json", CloudTrailJson.Delivery(Events("a", 2)));

        var run = RunIngest(db, path, db.InputFolder, Path.Combine(db.InputFolder, "*.json"));

        Assert.Equal(1, run.Summary.FilesListed);
        Assert.Equal(2, run.Summary.EventsNew);
        Assert.Equal(2, EventCount(db));
    }

    [Fact]
    public void Ingest_UnchangedTreeAgain_SkipsFilesWithoutReadingThem()
    {
        using var db = new TempDatabase();
        var paths = new[]
        {
            db.WriteInput("2024/05/01/a.json", CloudTrailJson.Delivery(Events("a", 3))),
            db.WriteGzipInput("2024/05/02/b.json.gz", CloudTrailJson.Delivery(Events("b", 2))),
            db.WriteInput("c.ndjson", CloudTrailJson.Ndjson(Events("c", 2))),
        };
        var first = RunIngest(db, db.InputFolder);
        Assert.Empty(first.Summary.Failures);
        var rowsBefore = FileRows(db);
        // Same size and modification time, but content that cannot be read: only a skip without reading passes.
        foreach (var path in paths)
        {
            var modified = File.GetLastWriteTimeUtc(path);
            File.WriteAllBytes(path, Enumerable.Repeat((byte)'#', (int)new FileInfo(path).Length).ToArray());
            File.SetLastWriteTimeUtc(path, modified);
        }

        var second = RunIngest(db, db.InputFolder);

        Assert.Empty(second.Summary.Failures);
        Assert.Equal(3, second.Summary.FilesListed);
        Assert.Equal(3, second.Summary.FilesUnchanged);
        Assert.Equal(0, second.Summary.FilesLoaded);
        Assert.Equal(0, second.Summary.EventsRead);
        Assert.Contains(second.Status.Infos, m => m.Contains("3 file(s) already loaded and unchanged", StringComparison.Ordinal));
        Assert.Equivalent(rowsBefore, FileRows(db), strict: true);
        Assert.Equal(7, EventCount(db));
    }

    [Fact]
    public void Ingest_ChangedFile_IsReadAgainAndAddsOnlyItsNewEvents()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("grow.json", CloudTrailJson.Array(Events("g", 2)));
        RunIngest(db, path);

        File.WriteAllText(path, CloudTrailJson.Array(Events("g", 5)));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        var second = RunIngest(db, path);

        Assert.Equal(0, second.Summary.FilesUnchanged);
        Assert.Equal(3, second.Summary.EventsNew);
        Assert.Equal(5, EventCount(db));
        var row = FileRow(db, path);
        Assert.Equal(5, row.EventsRead);
        Assert.Equal(3, row.EventsNew);
        Assert.Equal(Sha256Of(path), row.Fingerprint);
    }

    [Fact]
    public void Ingest_SameEventInTwoFilesOfOneCall_StoresItOnceAndCountsItForTheFirstFile()
    {
        using var db = new TempDatabase();
        var shared = Events("s", 2);
        var a = db.WriteInput("a.json", CloudTrailJson.Delivery([.. shared, .. Events("only-a", 1)]));
        var b = db.WriteGzipInput("b.json.gz", CloudTrailJson.Delivery([.. shared, .. Events("only-b", 2)]));

        var run = RunIngest(db, a, b);

        Assert.Equal(7, run.Summary.EventsRead);
        Assert.Equal(5, run.Summary.EventsNew);
        Assert.Equal(5, EventCount(db));
        Assert.Equal(3, FileRow(db, a).EventsNew);
        Assert.Equal(2, FileRow(db, b).EventsNew);
        Assert.Equal(3, EventCountFrom(db, a));
        Assert.Equal(2, EventCountFrom(db, b));
        Assert.Equal(a, db.Scalar<string>("SELECT source_file FROM cloudtrail_events WHERE event_id = 's-0'"));
    }

    [Fact]
    public void Ingest_SameEventInTwoFilesOfDifferentBatches_StoresItOnce()
    {
        using var db = new TempDatabase();
        var shared = Events("s", 3);
        var a = db.WriteInput("a.json", CloudTrailJson.Delivery(shared));
        var b = db.WriteInput("b.jsonl", CloudTrailJson.Ndjson(shared));

        var run = RunIngest(db, new IngestOptions { BatchFiles = 1 }, a, b);

        Assert.Equal(3, run.Summary.EventsNew);
        Assert.Equal(3, FileRow(db, a).EventsNew);
        Assert.Equal(0, FileRow(db, b).EventsNew);
        Assert.Equal(3, FileRow(db, b).EventsRead);
    }

    [Fact]
    public void Ingest_DuplicateEventWithinOneFile_StoresItOnce()
    {
        using var db = new TempDatabase();
        var e = Events("d", 1)[0];
        var path = db.WriteInput("dup.json", CloudTrailJson.Array([e, e, e]));

        var run = RunIngest(db, path);

        Assert.Equal(3, run.Summary.EventsRead);
        Assert.Equal(1, run.Summary.EventsNew);
        Assert.Equal(1, EventCount(db));
    }

    [Fact]
    public void Ingest_SameEventsInAnotherFileLater_AddsNothing()
    {
        using var db = new TempDatabase();
        var events = Events("x", 3);
        RunIngest(db, db.WriteInput("first.json", CloudTrailJson.Delivery(events)));

        var copy = db.WriteGzipInput("later/copy.json.gz", CloudTrailJson.Delivery(events));
        var run = RunIngest(db, db.InputFolder);

        Assert.Equal(1, run.Summary.FilesUnchanged);
        Assert.Equal(0, run.Summary.EventsNew);
        Assert.Equal(3, EventCount(db));
        Assert.Equal("loaded", FileRow(db, copy).Status);
        Assert.Equal(0, FileRow(db, copy).EventsNew);
    }
}
