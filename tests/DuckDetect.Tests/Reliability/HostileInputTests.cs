using System.Text;
using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;
using static DuckDetect.Tests.Reliability.HostileInputKit;

namespace DuckDetect.Tests.Reliability;

/// <summary>The CLI runs of the hostile-input catalogue, one at a time (one measures a child's memory).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostileCliCollection
{
    public const string Name = "hostile input CLI";
}

/// <summary>
/// Hostile inputs, each next to a good file in the same ingest call: every one ends in a clear error (its path and
/// reason, exit 65) or a documented skip, the good file always loads, and the CLI never prints a stack trace.
/// Covered elsewhere, not repeated here: not-JSON text, a Parquet without any CloudTrail column and a file held
/// unreadable (Ingest/BadInputTests), gzip corruption variants (Ingest/GzipTests), awkward file names
/// (Ingest/PathTests), a database that is not DuckDB, of another application or of a newer schema
/// (Reliability/DatabaseFileTests), --from after --to and bad option values of detect and alerts (Cli/DetectCliTests).
/// </summary>
[Collection(HostileCliCollection.Name)]
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    public static TheoryData<string> InProcessKinds() => new(Catalogue.Where(c => !c.CliOnly).Select(c => c.Kind));

    private CliResult Cli(params string[] args) => Support.Cli.Run(args, null, TimeSpan.FromSeconds(60));

    // ---- the catalogue: each hostile file next to a good one --------------------------------------------------

    [Theory]
    [MemberData(nameof(InProcessKinds))]
    public void Ingest_HostileFileNextToAGoodOne_EndsAsCataloguedAndTheGoodFileLoads(string kind)
    {
        var hostile = Case(kind);
        var good = WriteGood(_db.InputFolder);
        var path = hostile.Write(_db.InputFolder);

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Equal(GoodIds, EventIds(_db).Where(id => id.StartsWith("good-", StringComparison.Ordinal)));
        Assert.Equal("loaded", FileRow(_db, good).Status);
        switch (hostile.Outcome)
        {
            case HostileOutcome.Failed:
                var failure = Assert.Single(run.Summary.Failures);
                Assert.Equal(path, failure.Path);
                Assert.Contains(hostile.Reason!, failure.Reason, StringComparison.Ordinal);
                Assert.Contains(run.Status.Errors, e => e.StartsWith(path + ": ", StringComparison.Ordinal)
                    && e.Contains(hostile.Reason!, StringComparison.Ordinal));
                Assert.Equal(GoodIds, EventIds(_db));
                if (hostile.Recorded)
                {
                    var row = FileRow(_db, path);
                    Assert.Equal("failed", row.Status);
                    Assert.Contains(hostile.Reason!, row.Error, StringComparison.Ordinal);
                }
                break;
            case HostileOutcome.Empty:
                Assert.Empty(run.Summary.Failures);
                Assert.Contains($"{path}: empty file, no events", run.Status.Warnings);
                Assert.Equal(("loaded", 0L), (FileRow(_db, path).Status, FileRow(_db, path).EventsRead));
                break;
            default:
                Assert.Empty(run.Summary.Failures);
                Assert.Equal(hostile.Events, FileRow(_db, path).EventsNew);
                break;
        }
    }

    [Fact]
    public void Cli_EveryHostileFileInOneCall_OneLineEachExit65AndTheGoodFileLoads()
    {
        var good = WriteGood(_db.InputFolder);
        var files = Catalogue.ToDictionary(c => c, c => c.Write(Path.Combine(_db.InputFolder, c.Kind)));

        var result = Cli("ingest", _db.InputFolder, "--db", _db.Path);

        Assert.True(result.ExitCode == 65, result.ToString());
        AssertNoStackTrace(result);
        var lines = Lines(result.Stderr);
        Assert.All(lines, l => Assert.True(
            l.StartsWith("error: ", StringComparison.Ordinal) || l.StartsWith("warning: ", StringComparison.Ordinal)
            || l.StartsWith("ingest: ", StringComparison.Ordinal) || l.StartsWith("publish: ", StringComparison.Ordinal), l));
        foreach (var (hostile, path) in files)
        {
            switch (hostile.Outcome)
            {
                case HostileOutcome.Failed:
                    var error = Assert.Single(lines, l => l.StartsWith($"error: {path}: ", StringComparison.Ordinal));
                    Assert.Contains(hostile.Reason!, error, StringComparison.Ordinal);
                    break;
                case HostileOutcome.Empty:
                    Assert.Contains($"warning: {path}: empty file, no events", lines);
                    break;
                default:
                    Assert.DoesNotContain(lines, l => l.Contains(path, StringComparison.Ordinal));
                    break;
            }
        }
        var failed = Catalogue.Count(c => c.Outcome == HostileOutcome.Failed);
        Assert.Equal(failed, lines.Count(l => l.StartsWith("error: ", StringComparison.Ordinal)));
        Assert.Contains($" {failed} failed;", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(
            [.. GoodIds, "nested-100000", "nested-5000", "nested-lists"],
            EventIds(_db).Order(StringComparer.Ordinal));
        Assert.Equal("loaded", FileRow(_db, good).Status);

        // What loaded is usable: detection over it runs, and the same tree again fails the same files only.
        var again = Cli("run", _db.InputFolder, "--db", _db.Path, "--to", "2024-05-02");
        Assert.True(again.ExitCode == 65, again.ToString());
        AssertNoStackTrace(again);
        Assert.Contains("detect: ", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(failed, Lines(again.Stderr).Count(l => l.StartsWith("error: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ingest_RequestParametersNestedThousandsDeep_KeepsTheJsonWhole()
    {
        // 100,000 levels once crashed the process (a stack overflow in read_json's bind-time sampling); the
        // catalogue runs those through the CLI, this checks what is stored.
        WriteGood(_db.InputFolder);
        var path = Text(_db.InputFolder, "deep.json", CloudTrailJson.Delivery([Nested("deep", 5000)]));

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(1, FileRow(_db, path).EventsNew);
        Assert.Equal(NestedObjects(5000), EventRow(_db, "deep")["request_parameters"]);
        Assert.Equal(3, EventCount(_db));
    }

    [Fact]
    public void Cli_FiftyMegabyteRequestParameters_LoadsWithBoundedMemoryAndTime()
    {
        const int Size = 50 * 1024 * 1024;
        var good = WriteGood(_db.InputFolder);
        var path = Path.Combine(_db.InputFolder, "huge.json");
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            var head = CloudTrailJson.Delivery([EventWith("huge", ("requestParameters", "@@"))]).Split("\"@@\"");
            writer.Write(head[0]);
            writer.Write("{\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"prompt\":\"");
            var chunk = new string('A', 1 << 20);
            for (var i = 0; i < Size / chunk.Length; i++)
            {
                writer.Write(chunk);
            }
            writer.Write("\"}");
            writer.Write(head[1]);
        }

        var (result, peakKb, elapsed) = RunMeasured("ingest", _db.InputFolder, "--db", _db.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("loaded", FileRow(_db, good).Status);
        Assert.Equal(1, FileRow(_db, path).EventsNew);
        Assert.True(_db.Scalar<long>("SELECT length(request_parameters) FROM cloudtrail_events WHERE event_id = 'huge'") > Size);
        Assert.True(peakKb < 1_536 * 1024, $"peak resident memory {peakKb / 1024} MB");
        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"took {elapsed.TotalSeconds:0.0}s");
    }

    // ---- wrong JSON types and unusable event times ------------------------------------------------------------

    [Fact]
    public void Ingest_FieldsOfTheWrongJsonType_AreKeptAsTextAndANumericEventTimeIsSkipped()
    {
        var good = WriteGood(_db.InputFolder);
        var path = Text(_db.InputFolder, "types.json", CloudTrailJson.Delivery(
        [
            EventWith("time-number", ("eventTime", 1714564800)),
            EventWith("identity-string", ("userIdentity", "alice")),
            EventWith("identity-list", ("userIdentity", new[] { "alice", "bob" })),
            EventWith("source-list", ("eventSource", new[] { "bedrock.amazonaws.com", "s3.amazonaws.com" })),
            EventWith("source-object", ("eventSource", new Dictionary<string, object> { ["x"] = 1 })),
            EventWith("name-number", ("eventName", 42)),
            EventWith("params-string", ("requestParameters", "modelId=x")),
            CloudTrailJson.Event("x", T0, new Dictionary<string, object?> { ["eventID"] = 12345 }),
        ]));

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        var row = FileRow(_db, path);
        Assert.Equal((8L, 7L, 1L), (row.EventsRead, row.EventsNew, row.EventsSkipped));
        Assert.Contains(run.Status.Warnings, w => w == $"{path}: 1 of 8 record(s) skipped, without eventID or with no valid eventTime");
        Assert.DoesNotContain("time-number", EventIds(_db));
        var identity = EventRow(_db, "identity-string");
        Assert.Null(identity["user_arn"]);
        Assert.Null(identity["user_type"]);
        Assert.Equal("111122223333", identity["account_id"]);
        Assert.Null(EventRow(_db, "identity-list")["user_arn"]);
        Assert.Equal("[\"bedrock.amazonaws.com\",\"s3.amazonaws.com\"]", EventRow(_db, "source-list")["event_source"]);
        Assert.Equal("{\"x\":1}", EventRow(_db, "source-object")["event_source"]);
        Assert.Equal("42", EventRow(_db, "name-number")["event_name"]);
        Assert.Equal("\"modelId=x\"", EventRow(_db, "params-string")["request_parameters"]);
        Assert.Equal("InvokeModel", EventRow(_db, "12345")["event_name"]);
        Assert.Equal("loaded", FileRow(_db, good).Status);
    }

    [Fact]
    public void Cli_UnusableEventTimes_AreSkippedCountedAndDetectStillRuns()
    {
        var good = WriteGood(_db.InputFolder);
        string[] times =
        [
            "yesterday", "2026-13-45T99:00:00Z", "2024-02-30T00:00:00Z", "", "   ",
            "infinity", "-infinity", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
        ];
        var path = Text(_db.InputFolder, "times.json", CloudTrailJson.Delivery(
            [.. times.Select((t, i) => (object)EventWith($"bad-time-{i}", ("eventTime", t))), EventWith("ok", ("eventTime", "1970-01-01T00:00:00Z"))]));

        var result = Cli("run", _db.InputFolder, "--db", _db.Path, "--to", "1970-01-02");

        // 'infinity' once made every later detect fail ("Cannot convert infinite timestamp"), and year 1 made
        // detect evaluate a hundred million windows: both are now no valid eventTime.
        Assert.True(result.ExitCode == 0, result.ToString());
        AssertNoStackTrace(result);
        Assert.Contains($"warning: {path}: {times.Length} of {times.Length + 1} record(s) skipped, without eventID or with no valid eventTime",
            Lines(result.Stderr));
        Assert.Contains("detect: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(times.Length, FileRow(_db, path).EventsSkipped);
        Assert.Equal([.. GoodIds, "ok"], EventIds(_db));
        Assert.Equal("loaded", FileRow(_db, good).Status);
    }

    // ---- the same eventID with different content -------------------------------------------------------------

    [Fact]
    public void Ingest_SameEventIdDifferentContentAcrossCalls_TheFirstStoredWins()
    {
        // b.json comes after a.json in path order, but it was ingested by an earlier call: it wins.
        var b = Text(_db.InputFolder, "b.json", CloudTrailJson.Delivery([EventWith("dup", ("userAgent", "from-b"))]));
        RunIngest(_db, b);
        var a = Text(_db.InputFolder, "a.json", CloudTrailJson.Delivery(
            [EventWith("dup", ("userAgent", "from-a")), EventWith("only-a", ("userAgent", "from-a"))]));

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal("from-b", EventRow(_db, "dup")["user_agent"]);
        Assert.Equal(b, EventRow(_db, "dup")["source_file"]);
        Assert.Equal((2L, 1L), (FileRow(_db, a).EventsRead, FileRow(_db, a).EventsNew));
        Assert.Equal(["dup", "only-a"], EventIds(_db));
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(1)]
    public void Ingest_SameEventIdDifferentContentInOneCall_TheFileFirstInPathOrderWins(int batchFiles)
    {
        // Named in reverse order on the command line, and of different shapes: path order decides, in one batch
        // or in one batch per file; within the first file, the earlier eventTime (not the order of the records).
        var z = Bytes(_db.InputFolder, "z.json.gz", Gzip(CloudTrailJson.Delivery([EventWith("dup", ("userAgent", "from-z"))])));
        var m = Text(_db.InputFolder, "m.ndjson", CloudTrailJson.Ndjson([EventWith("dup", ("userAgent", "from-m"))]));
        var a = Text(_db.InputFolder, "a/events.json", CloudTrailJson.Array(
            [EventWith("dup", ("userAgent", "from-a-again"), ("eventTime", "2026-03-02T00:00:01Z")),
             EventWith("dup", ("userAgent", "from-a"))]));

        var run = RunIngest(_db, new IngestOptions { BatchFiles = batchFiles }, z, m, a);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(["dup"], EventIds(_db));
        Assert.Equal("from-a", EventRow(_db, "dup")["user_agent"]);
        Assert.Equal(a, EventRow(_db, "dup")["source_file"]);
        Assert.Equal((1L, 0L, 0L), (FileRow(_db, a).EventsNew, FileRow(_db, m).EventsNew, FileRow(_db, z).EventsNew));
    }

    // ---- permissions ------------------------------------------------------------------------------------------

    [PermissionFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Cli_FolderAndFileWithoutReadPermission_FailAloneAndTheGoodFileLoads()
    {
        var root = Unprivileged.SharedFolder();
        try
        {
            var input = Path.Combine(root, "input");
            var good = WriteGood(input);
            var secret = Text(input, "secret.json", CloudTrailJson.Delivery(Events("secret", 1)));
            var locked = Path.Combine(input, "locked");
            var inLocked = Text(locked, "inside.json", CloudTrailJson.Delivery(Events("locked", 1)));
            var listOnly = Path.Combine(input, "list-only");
            var inListOnly = Text(listOnly, "inside.json", CloudTrailJson.Delivery(Events("list-only", 1)));
            File.SetUnixFileMode(secret, UnixFileMode.None);
            File.SetUnixFileMode(locked, UnixFileMode.None);
            File.SetUnixFileMode(listOnly, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            var db = Path.Combine(root, "perm.duckdb");

            var result = Unprivileged.Run(root, "ingest", input, inLocked, "--db", db);

            Assert.True(result.ExitCode == 65, result.ToString());
            AssertNoStackTrace(result);
            var errors = Lines(result.Stderr).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(4, errors.Count);
            Assert.Contains(errors, e => e.StartsWith($"error: {locked}: folder cannot be listed: Access to the path", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith($"error: {secret}: cannot be read: Access to the path", StringComparison.Ordinal));
            // A file named inside a folder that may not be entered is unreadable, not missing (exit 65, not 66).
            Assert.Contains(errors, e => e.StartsWith($"error: {inLocked}: cannot be read: Access to the path", StringComparison.Ordinal));
            // A folder that may be listed but not entered: its files fail, they are not skipped in silence.
            Assert.Contains(errors, e => e.StartsWith($"error: {inListOnly}: cannot be read: Access to the path", StringComparison.Ordinal));
            File.SetUnixFileMode(locked, (UnixFileMode)0x1ED);
            File.SetUnixFileMode(listOnly, (UnixFileMode)0x1ED);
            using var session = Core.Storage.DuckDbSession.Open(db);
            Assert.Equal(GoodIds, Dapper.SqlMapper.Query<string>(session.Connection, "SELECT event_id FROM cloudtrail_events ORDER BY 1"));
            Assert.Equal("failed", Dapper.SqlMapper.ExecuteScalar<string>(session.Connection,
                "SELECT status FROM ingested_files WHERE path = $secret", new { secret }));
            Assert.Equal("loaded", Dapper.SqlMapper.ExecuteScalar<string>(session.Connection,
                "SELECT status FROM ingested_files WHERE path = $good", new { good }));
        }
        finally
        {
            foreach (var dir in new[] { "locked", "list-only" }.Select(d => Path.Combine(root, "input", d)).Where(Directory.Exists))
            {
                File.SetUnixFileMode(dir, (UnixFileMode)0x1ED);
            }
            Directory.Delete(root, recursive: true);
        }
    }

    // ---- symbolic links ---------------------------------------------------------------------------------------

    [Fact]
    public void Ingest_FolderWithLinksToItselfAndItsParent_WalksEachFolderOnce()
    {
        var tree = Path.Combine(_db.InputFolder, "tree");
        var good = WriteGood(tree);
        var deep = Text(Path.Combine(tree, "sub"), "deep.json", CloudTrailJson.Delivery(Events("deep", 1)));
        Directory.CreateSymbolicLink(Path.Combine(tree, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(tree, "sub", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(tree, "sub", "top"), "../../tree");

        var run = RunIngest(_db, _db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, run.Summary.FilesListed);
        Assert.Equal([good, deep], FileRows(_db).Select(r => r.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, run.Status.Warnings.Count(w => w.Contains("symbolic-link loop", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ingest_WalkStartingThroughALinkIntoALoop_EndsAndListsEachNameOnce()
    {
        // Walking tree/self, tree/self/sub/top (-> ../../tree) was resolved against the unresolved path
        // (tree/self/sub/../../tree = tree/tree, no such folder), taken for a new folder, and the walk descended
        // until the kernel gave up: 160 names of 2 files, most failing "Too many levels of symbolic links".
        var tree = Path.Combine(_db.InputFolder, "tree");
        WriteGood(tree);
        Text(Path.Combine(tree, "sub"), "deep.json", CloudTrailJson.Delivery(Events("deep", 1)));
        Directory.CreateSymbolicLink(Path.Combine(tree, "self"), ".");
        Directory.CreateSymbolicLink(Path.Combine(tree, "sub", "top"), "../../tree");

        var run = RunIngest(_db, Path.Combine(tree, "self"), Path.Combine(_db.InputFolder, "**", "*.json"));

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(4, run.Summary.FilesListed); // tree/{,self/}a-good.json and tree/{,self/}sub/deep.json
        Assert.Equal(["deep-0", .. GoodIds], EventIds(_db));
    }

    [Fact]
    public void Ingest_LinkToAFileWhoseTargetChanges_IsReadAgain()
    {
        // The unchanged check once used the link's own size and time, so a changed target was never read again.
        var target = Text(Path.Combine(_db.Folder, "elsewhere"), "current.json", CloudTrailJson.Delivery(Events("v1", 1)));
        var link = Path.Combine(_db.InputFolder, "latest.json");
        File.CreateSymbolicLink(link, target);
        RunIngest(_db, _db.InputFolder);

        File.WriteAllText(target, CloudTrailJson.Delivery([.. Events("v1", 1), .. Events("v2", 2)]));
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddMinutes(1));
        var run = RunIngest(_db, _db.InputFolder);

        Assert.Equal(0, run.Summary.FilesUnchanged);
        Assert.Equal(["v1-0", "v2-0", "v2-1"], EventIds(_db));
        Assert.Equal(new FileInfo(target).Length, FileRow(_db, link).SizeBytes);
    }

    // ---- options and state ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(129, "duckdetect: missing argument PATH; see --help for usage", "ingest")]
    [InlineData(129, "duckdetect: missing argument PATH; see --help for usage", "run")]
    [InlineData(129, "duckdetect: option --to needs a value; see --help for usage", "detect", "--to")]
    [InlineData(64, "duckdetect: --threshold 'lots' is not a whole number", "detect", "--threshold", "lots", "--what-if", "w.duckdb")]
    [InlineData(64, "duckdetect: --wait 'forever' is not a number", "ingest", "x.json", "--wait", "forever")]
    [InlineData(64, "duckdetect: unknown --format 'xml'", "detect", "--format", "xml")]
    [InlineData(64, "duckdetect: unknown --format 'yaml'", "run", "{good}", "--format", "yaml")]
    [InlineData(64, "duckdetect: --from 2026-03-02T00:00:00Z is after --to 2026-03-01T00:00:00Z", "run", "{good}", "--from", "2026-03-02", "--to", "2026-03-01")]
    [InlineData(64, "duckdetect: --to 'soon' is not a time", "run", "{good}", "--to", "soon")]
    public void Cli_BadArguments_OneLineTheDocumentedCodeAndNoWorkDone(int code, string message, params string[] args)
    {
        var good = WriteGood(_db.InputFolder);

        var result = Cli([args[0], "--db", _db.Path, .. args[1..].Select(a => a.Replace("{good}", good, StringComparison.Ordinal))]);

        Assert.True(result.ExitCode == code, result.ToString());
        AssertNoStackTrace(result);
        Assert.StartsWith(message, Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
        // run checks its detect options before it ingests anything.
        Assert.False(File.Exists(_db.Path), "the database was created");
    }

    // ---- injection --------------------------------------------------------------------------------------------

    [Fact]
    public void Cli_QuotesAndSqlInNamesAndOptionValues_NeverChangeWhatRuns()
    {
        const string Sql = "'; DROP TABLE alerts; --";
        var folder = Directory.CreateDirectory(Path.Combine(_db.Folder, "it's; a \"folder\"")).FullName;
        var db = Path.Combine(folder, $"db{Sql}.duckdb");
        var whatIf = Path.Combine(folder, "w'; DROP TABLE cloudtrail_events; --.duckdb");
        var file = Bytes(folder, "x'; DROP TABLE cloudtrail_events; --.json.gz",
            Gzip(CloudTrailJson.Delivery(Events("inj", 2))));
        var good = WriteGood(folder);

        var ingest = Cli("ingest", file, good, "--db", db);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        (string[] Args, string Message)[] rejected =
        [
            (["detect", "--from", $"2026-01-01{Sql}"], $"duckdetect: --from '2026-01-01{Sql}' is not a time"),
            (["detect", "--to", $"2026-01-01{Sql}"], $"duckdetect: --to '2026-01-01{Sql}' is not a time"),
            (["detect", "--format", $"json{Sql}"], $"duckdetect: unknown --format 'json{Sql}'"),
            (["alerts", "--since", $"2026{Sql}"], $"duckdetect: --since '2026{Sql}' is not a time"),
            (["sql", "--from", $"2026{Sql}"], $"duckdetect: --from '2026{Sql}' is not a time"),
            (["run", file, "--to", $"x{Sql}"], $"duckdetect: --to 'x{Sql}' is not a time"),
        ];
        foreach (var (args, message) in rejected)
        {
            var result = Cli([.. args, "--db", db]);
            Assert.True(result.ExitCode == 64, result.ToString());
            AssertNoStackTrace(result);
            Assert.StartsWith(message, Assert.Single(Lines(result.Stderr)), StringComparison.Ordinal);
        }
        var tuned = Cli("detect", "--db", db, "--what-if", whatIf, "--threshold", "1", "--from", "2024-05-01", "--to", "2024-05-02");
        Assert.True(tuned.ExitCode == 0, tuned.ToString());
        Assert.True(File.Exists(whatIf));
        var detect = Cli("detect", "--db", db, "--from", "2024-05-01", "--to", "2024-05-02");
        Assert.True(detect.ExitCode == 0, detect.ToString());

        using var session = Core.Storage.DuckDbSession.Open(db);
        var c = session.Connection;
        Assert.Equal(4L, Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal([file, good], Dapper.SqlMapper.Query<string>(c, "SELECT path FROM ingested_files ORDER BY path DESC"));
        Assert.Equal(0L, Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT count(*) FROM alerts"));
        Assert.Equal((long)Core.Rules.RuleCatalog.All.Count, Dapper.SqlMapper.ExecuteScalar<long>(c, "SELECT count(*) FROM detect_runs"));
        Assert.Equal(
            ["alerts", "cloudtrail_events", "detect_runs", "ingested_files"],
            Dapper.SqlMapper.Query<string>(c,
                "SELECT table_name FROM duckdb_tables() WHERE table_name IN ('alerts', 'cloudtrail_events', 'detect_runs', 'ingested_files') ORDER BY 1"));
    }
}
