using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>Any file name loads: spaces, quotes, SQL, non-ASCII and glob characters; folders and globs expand.</summary>
public sealed class PathTests
{
    private static readonly string[] Names =
    [
        "with space/a b c.json",
        "x'; DROP TABLE cloudtrail_events; --.json.gz",
        "double\"quote.json",
        "back\\slash.json",
        "ünïcødé/日本語 ログ.json",
        "emoji 🦆.ndjson",
        "glob[1].json",
        "star*.json.gz",
        "question?.json",
        "braces{a,b}.jsonl",
        "dir[1]/{x}/*[a-z]?.json",
        "$HOME and %PATH%.json",
        "semi;colon,comma.json",
        "-starts-with-dash.json",
        "new\nline\ttab.json",
    ];

    public static TheoryData<string> AwkwardNames() => new(Names);

    private static string Write(TempDatabase db, string name, string prefix)
    {
        var records = Events(prefix, 2);
        return name.EndsWith(".gz", StringComparison.Ordinal)
            ? db.WriteGzipInput(name, CloudTrailJson.Delivery(records))
            : name.EndsWith(".ndjson", StringComparison.Ordinal) || name.EndsWith(".jsonl", StringComparison.Ordinal)
                ? db.WriteInput(name, CloudTrailJson.Ndjson(records))
                : db.WriteInput(name, CloudTrailJson.Delivery(records));
    }

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public void Ingest_FileWithAwkwardNameGivenByPath_Loads(string name)
    {
        using var db = new TempDatabase();
        var path = Write(db, name, "n");

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["n-0", "n-1"], EventIds(db));
        Assert.Equal(2, EventCountFrom(db, path));
        Assert.Equal("loaded", FileRow(db, path).Status);
    }

    [Fact]
    public void Ingest_FolderOfAwkwardNames_LoadsEveryFile()
    {
        using var db = new TempDatabase();
        var names = Names;
        var paths = names.Select((name, i) => Write(db, name, $"f{i:00}")).ToList();

        var run = RunIngest(db, db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(names.Length, run.Summary.FilesLoaded);
        Assert.Equal(names.Length * 2, EventCount(db));
        Assert.All(paths, p => Assert.Equal(2, EventCountFrom(db, p)));
        Assert.Equal(names.Length, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_id LIKE 'f%-0'"));
    }

    [Fact]
    public void Ingest_SqlInjectionFileName_LeavesTheDatabaseIntact()
    {
        using var db = new TempDatabase();
        var path = Write(db, "x'; DROP TABLE cloudtrail_events; --.json.gz", "inj");

        RunIngest(db, path);
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(1));
        RunIngest(db, db.InputFolder);

        Assert.Equal(2, EventCount(db));
        Assert.Equal(path, db.Scalar<string>("SELECT path FROM ingested_files"));
    }

    [Fact]
    public void Ingest_BrokenFileWithGlobCharacters_ReportsItsOwnPath()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("broken[1]*.json", "{\"Records\":[{\"eventID\":");

        var run = RunIngest(db, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal(path, failure.Path);
        Assert.DoesNotContain("duckdetect-links-", failure.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("duckdetect-links-", FileRow(db, path).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_Folder_WalksRecursivelyAndPicksDataFilesOnly()
    {
        using var db = new TempDatabase();
        var data = new[]
        {
            db.WriteInput("top.json", CloudTrailJson.Delivery(Events("top", 1))),
            db.WriteGzipInput("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/a.json.gz", CloudTrailJson.Delivery(Events("deep", 1))),
            db.WriteInput("x/y/z/events.jsonl", CloudTrailJson.Ndjson(Events("jsonl", 1))),
            db.WriteGzipInput("x/y/events.ndjson.gz", CloudTrailJson.Ndjson(Events("ndjson", 1))),
            db.WriteInput("x/events.log", CloudTrailJson.Ndjson(Events("log", 1))),
            db.WriteInput("x/events.json.cloudtrail", CloudTrailJson.Array(Events("cloudtrail", 1))),
            WriteParquet(Path.Combine(db.InputFolder, "p/q.parquet"),
                "SELECT 'parquet-0' AS eventID, '2024-05-01T12:00:00Z' AS eventTime, 's' AS eventSource, 'n' AS eventName"),
        };
        db.WriteInput("README.md", "# not data");
        db.WriteInput("x/notes.txt", "not data");
        db.WriteInput("x/.hidden.json", CloudTrailJson.Delivery(Events("hidden", 1)));
        db.WriteGzipInput("AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/05/01/111122223333_CloudTrail-Digest_us-east-1_x.json.gz",
            "{\"digestStartTime\":\"2024-05-01T00:00:00Z\"}");

        var run = RunIngest(db, db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(data.Length, run.Summary.FilesListed);
        Assert.Equal(data.Order(StringComparer.Ordinal), FileRows(db).Select(r => r.Path));
        Assert.Equal(["cloudtrail-0", "deep-0", "jsonl-0", "log-0", "ndjson-0", "parquet-0", "top-0"], EventIds(db));
    }

    [Fact]
    public void Ingest_RecursiveGlob_MatchesAtEveryDepthOnly()
    {
        using var db = new TempDatabase();
        db.WriteGzipInput("logs/a.json.gz", CloudTrailJson.Delivery(Events("top", 1)));
        db.WriteGzipInput("logs/2024/05/b.json.gz", CloudTrailJson.Delivery(Events("deep", 1)));
        db.WriteInput("logs/2024/c.json", CloudTrailJson.Delivery(Events("plain", 1)));
        db.WriteGzipInput("other/d.json.gz", CloudTrailJson.Delivery(Events("other", 1)));

        var run = RunIngest(db, Path.Combine(db.InputFolder, "logs", "**", "*.json.gz"));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, run.Summary.FilesListed);
        Assert.Equal(["deep-0", "top-0"], EventIds(db));
    }

    [Theory]
    [InlineData("logs/*.json", new[] { "a-0" })]
    [InlineData("logs/?.json", new[] { "a-0" })]
    [InlineData("logs/*/*.json", new[] { "b-0" })]
    [InlineData("*/2024/*.json", new[] { "b-0" })]
    [InlineData("logs/**/*.json", new[] { "a-0", "b-0", "c-0" })]
    [InlineData("logs/**", new[] { "a-0", "b-0", "c-0", "d-0" })]
    [InlineData("**/c.json", new[] { "c-0" })]
    public void Ingest_GlobPattern_LoadsTheFilesItMatches(string pattern, string[] expected)
    {
        using var db = new TempDatabase();
        db.WriteInput("logs/a.json", CloudTrailJson.Delivery(Events("a", 1)));
        db.WriteInput("logs/2024/b.json", CloudTrailJson.Delivery(Events("b", 1)));
        db.WriteInput("logs/2024/05/c.json", CloudTrailJson.Delivery(Events("c", 1)));
        db.WriteGzipInput("logs/2024/05/d.json.gz", CloudTrailJson.Delivery(Events("d", 1)));

        var run = RunIngest(db, Path.Combine(db.InputFolder, pattern));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(expected, EventIds(db));
    }

    [Fact]
    public void Ingest_GlobUnderAFolderWithBrackets_TakesTheBracketsLiterally()
    {
        using var db = new TempDatabase();
        db.WriteInput("run[1]/a.json", CloudTrailJson.Delivery(Events("a", 1)));
        db.WriteInput("run1/b.json", CloudTrailJson.Delivery(Events("b", 1)));

        var run = RunIngest(db, Path.Combine(db.InputFolder, "run[1]", "*.json"));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["a-0"], EventIds(db));
    }

    [Fact]
    public void Ingest_GlobMatchingNothing_WarnsWithoutFailing()
    {
        using var db = new TempDatabase();
        var pattern = Path.Combine(db.InputFolder, "nothing", "**", "*.json.gz");

        var run = RunIngest(db, pattern);

        Assert.Empty(run.Summary.Failures);
        Assert.Contains(run.Status.Warnings, w => w.Contains(pattern, StringComparison.Ordinal)
            && w.Contains("matched no file", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_FolderGlobAndFileMixedInOneCall_LoadsEachFileOnce()
    {
        using var db = new TempDatabase();
        var single = db.WriteInput("single/one.json", CloudTrailJson.Delivery(Events("single", 1)));
        db.WriteInput("tree/a/x.json", CloudTrailJson.Delivery(Events("tree", 2)));
        db.WriteGzipInput("globbed/2024/y.json.gz", CloudTrailJson.Delivery(Events("glob", 3)));
        db.WriteGzipInput("globbed/z.json.gz", CloudTrailJson.Delivery(Events("glob-top", 1)));

        var run = RunIngest(db,
            single,
            Path.Combine(db.InputFolder, "tree"),
            Path.Combine(db.InputFolder, "globbed", "**", "*.json.gz"),
            Path.Combine(db.InputFolder, "tree", "a", "x.json"),
            Path.Combine(db.InputFolder, "globbed"));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(4, run.Summary.FilesListed);
        Assert.Equal(7, EventCount(db));
    }

    [Fact]
    public void Ingest_FolderWithTrailingSlash_StoresCleanPaths()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("sub/a.json", CloudTrailJson.Delivery(Events("a", 1)));

        var run = RunIngest(db, Path.Combine(db.InputFolder, "sub") + "/");

        Assert.Empty(run.Summary.Failures);
        Assert.Equal([path], FileRows(db).Select(r => r.Path));
    }

    [Fact]
    public void Ingest_RelativePaths_AreStoredAsAbsolutePaths()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("rel/a.json", CloudTrailJson.Delivery(Events("rel", 1)));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        Assert.False(Path.IsPathRooted(relative));

        var run = RunIngest(db, relative);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(path, FileRow(db, path).Path);
    }

    [Fact]
    public void Ingest_SymbolicLinkLoop_IsWalkedOnceWithAWarning()
    {
        using var db = new TempDatabase();
        db.WriteInput("tree/a.json", CloudTrailJson.Delivery(Events("a", 1)));
        Directory.CreateSymbolicLink(Path.Combine(db.InputFolder, "tree", "loop"), Path.Combine(db.InputFolder, "tree"));

        var run = RunIngest(db, db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(1, run.Summary.FilesListed);
        Assert.Contains(run.Status.Warnings, w => w.Contains("symbolic-link loop", StringComparison.Ordinal));
    }
}
