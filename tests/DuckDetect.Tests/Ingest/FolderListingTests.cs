using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// The fast listing (docs/scale.md): folders unchanged since they were read are skipped, and the result is still the
/// full listing's. The folders here are written just now, so the settle time is set to zero to make them trusted.
/// </summary>
public sealed class FolderListingTests
{
    private static readonly IngestOptions Settled = new() { SettleTime = TimeSpan.Zero };

    /// <summary>input, AWSLogs, account, CloudTrail, region, year, month and the two days.</summary>
    private const int TreeFolders = 9;

    private static string Delivery(TempDatabase db, string day, string name, string prefix, int count) =>
        db.WriteGzipInput($"AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/{day}/{name}.json.gz",
            CloudTrailJson.Delivery(Events(prefix, count)));

    private static string Folder(TempDatabase db, string day) =>
        Path.Combine(db.InputFolder, "AWSLogs/111122223333/CloudTrail/us-east-1/2024/05", day);

    /// <summary>Two days of deliveries, ingested once (every folder read) and again (all trusted but the recheck).</summary>
    private static void Settle(TempDatabase db)
    {
        Delivery(db, "01", "a", "a", 3);
        Delivery(db, "01", "b", "b", 2);
        Delivery(db, "02", "c", "c", 2);
        var first = RunIngest(db, Settled, db.InputFolder).Summary;
        Assert.Empty(first.Failures);
        Assert.Equal(TreeFolders, first.FoldersRead);
        var second = RunIngest(db, Settled, db.InputFolder).Summary;
        Assert.Equal(TreeFolders - 1, second.FoldersSkipped); // one folder is rechecked each call (1/144, at least one)
        Assert.Equal(3, second.FilesListed);
        Assert.Equal(3, second.FilesUnchanged);
        Assert.Equal(0, second.FilesLoaded);
    }

    [Fact]
    public void LateFileInAnOldDateFolder_IsFoundByTheFastListing()
    {
        using var db = new TempDatabase();
        Settle(db);
        var late = Delivery(db, "01", "late", "late", 4);

        var run = RunIngest(db, Settled, db.InputFolder).Summary;

        Assert.Empty(run.Failures);
        Assert.Equal(1, run.FilesLoaded);
        Assert.Equal(4, run.EventsNew);
        Assert.Equal("loaded", FileRow(db, late).Status);
        Assert.Equal(11, EventCount(db));
        Assert.True(run.FoldersSkipped >= TreeFolders - 2, $"{run.FoldersSkipped} folders skipped"); // all but 01 and the recheck
        Assert.Equal(4, run.FilesListed);
    }

    [Fact]
    public void FileRewrittenInPlace_InAnUnchangedFolder_IsSeenByFullListingAtOnceAndByTheRecheckWithinItsCalls()
    {
        using var db = new TempDatabase();
        Settle(db);
        var folder = Folder(db, "02");
        var before = FolderStat.Read(folder);
        var path = Path.Combine(folder, "c.json.gz");
        using (var stream = new FileStream(path, FileMode.Truncate, FileAccess.Write))
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(CloudTrailJson.Delivery(Events("c2", 5))));
        }
        Assert.Equal(before, FolderStat.Read(folder)); // rewritten in place: no time of its folder changed

        var full = RunIngest(db, Settled with { FullListing = true }, db.InputFolder).Summary;
        Assert.Equal(0, full.FoldersSkipped);
        Assert.Equal(1, full.FilesLoaded);
        Assert.Equal(5, full.EventsNew);

        // The same again without --full-listing: a slice of the trusted folders is read each call.
        using (var stream = new FileStream(Path.Combine(Folder(db, "01"), "a.json.gz"), FileMode.Truncate, FileAccess.Write))
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(CloudTrailJson.Delivery(Events("a2", 6))));
        }
        var calls = 0;
        while (EventCount(db) < 18)
        {
            Assert.True(++calls <= TreeFolders, $"not seen after {calls - 1} calls");
            RunIngest(db, Settled, db.InputFolder);
        }
        Assert.Equal(6, EventCountFrom(db, Path.Combine(Folder(db, "01"), "a.json.gz")) - 3);
    }

    [Fact]
    public void FileReplacedByRename_AsSyncToolsWriteIt_IsSeenOnTheNextCall()
    {
        using var db = new TempDatabase();
        Settle(db);
        var target = Path.Combine(Folder(db, "02"), "c.json.gz");
        var temporary = db.WriteGzipInput("c.json.gz.tmp", CloudTrailJson.Delivery(Events("c3", 3)));
        File.Move(temporary, target, overwrite: true);

        var run = RunIngest(db, Settled, db.InputFolder).Summary;

        Assert.Equal(1, run.FilesLoaded);
        Assert.Equal(3, run.EventsNew);
    }

    [Fact]
    public void RenamedAndDeletedFolders_AreFollowed_AndTheirOldRecordsDropped()
    {
        using var db = new TempDatabase();
        Settle(db);
        Directory.Move(Folder(db, "02"), Folder(db, "03"));
        Directory.Delete(Folder(db, "01"), recursive: true);

        var run = RunIngest(db, Settled, db.InputFolder).Summary;

        Assert.Empty(run.Failures);
        Assert.Equal(1, run.FilesListed);
        Assert.Equal(1, run.FilesLoaded); // a new path, its events stored already
        Assert.Equal(0, run.EventsNew);
        Assert.Equal("loaded", FileRow(db, Path.Combine(Folder(db, "03"), "c.json.gz")).Status);
        var records = db.Query<string>("SELECT path FROM listed_folders ORDER BY path");
        Assert.Contains(Folder(db, "03"), records);
        Assert.DoesNotContain(Folder(db, "01"), records);
        Assert.DoesNotContain(Folder(db, "02"), records);

        // A folder made again under an old name is read, whatever its record once said.
        Delivery(db, "01", "d", "d", 2);
        var again = RunIngest(db, Settled, db.InputFolder).Summary;
        Assert.Equal(1, again.FilesLoaded);
        Assert.Equal(2, again.EventsNew);
    }

    [Fact]
    public void FailedFile_InASkippedFolder_IsTriedAgainOnEveryCall_AndLoadsOnceFixed()
    {
        using var db = new TempDatabase();
        Delivery(db, "01", "a", "a", 3);
        var bad = db.WriteInput("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/02/bad.json", "{\"Records\": [");
        RunIngest(db, Settled, db.InputFolder);

        for (var call = 0; call < 2; call++)
        {
            var run = RunIngest(db, Settled, db.InputFolder);
            Assert.True(run.Summary.FoldersSkipped >= TreeFolders - 3, $"{run.Summary.FoldersSkipped} folders skipped");
            Assert.Equal(bad, Assert.Single(run.Summary.Failures).Path);
            Assert.Contains(run.Status.Errors, e => e.StartsWith(bad, StringComparison.Ordinal));
        }

        // Fixed in place (no folder time changes): the retry loads it.
        using (var stream = new FileStream(bad, FileMode.Truncate, FileAccess.Write))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(CloudTrailJson.Delivery(Events("fixed", 2))));
        }
        var fixedRun = RunIngest(db, Settled, db.InputFolder).Summary;
        Assert.Empty(fixedRun.Failures);
        Assert.Equal("loaded", FileRow(db, bad).Status);
        Assert.Equal(5, EventCount(db));
    }

    [Fact]
    public void FolderWithALink_IsReadOnEveryCall()
    {
        using var db = new TempDatabase();
        var target = db.WriteGzipInput("elsewhere/t.json.gz", CloudTrailJson.Delivery(Events("t", 2)));
        Delivery(db, "01", "a", "a", 1);
        var link = Path.Combine(Folder(db, "01"), "t.json.gz");
        File.CreateSymbolicLink(link, target);
        RunIngest(db, Settled, db.InputFolder);
        RunIngest(db, Settled, db.InputFolder);
        Assert.False(db.Scalar<bool>("SELECT trusted FROM listed_folders WHERE path = $path", new { path = Folder(db, "01") }));

        // The link's target changes; no time of the link's folder does.
        File.Delete(target);
        db.WriteGzipInput("elsewhere/t.json.gz", CloudTrailJson.Delivery(Events("t2", 3)));
        var run = RunIngest(db, Settled, db.InputFolder).Summary;

        Assert.Equal(3, EventCountFrom(db, link) - 2);
        Assert.True(run.FilesLoaded >= 1);
    }

    [Fact]
    public void FoldersChangedWithinTheSettleTime_AreReadAgain()
    {
        using var db = new TempDatabase();
        Delivery(db, "01", "a", "a", 1);
        RunIngest(db, db.InputFolder);

        var second = RunIngest(db, db.InputFolder).Summary;

        Assert.Equal(0, second.FoldersSkipped);
        Assert.Equal(1, second.FilesUnchanged);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FILTER (WHERE trusted) FROM listed_folders"));
    }

    [Fact]
    public void FolderTimeTrust_TrustsLocalFileSystems_AndNotFuseNetworkOrUnknownDevices()
    {
        var trust = FolderTimeTrust.Parse(
        [
            "29 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw",
            "30 29 0:40 / /data rw,relatime shared:2 - xfs /dev/sdb1 rw",
            "31 29 0:41 / /mnt/s3 rw,nosuid,nodev - fuse.s3fs s3fs rw,user_id=0",
            "32 29 0:42 / /mnt/nfs rw,relatime - nfs4 server:/export rw,vers=4.2",
            "33 29 0:43 / /merged rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u",
        ]);

        Assert.True(trust.Trusts((252L << 32) | 1));
        Assert.True(trust.Trusts(40));
        Assert.False(trust.Trusts(41));
        Assert.False(trust.Trusts(42));
        Assert.False(trust.Trusts(43));
        Assert.False(trust.Trusts(44));
        Assert.Equal("fuse.s3fs", trust.TypeOf(41));
    }
}
