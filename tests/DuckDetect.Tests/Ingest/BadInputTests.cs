using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>A bad file fails on its own, with its path and reason; every good file next to it still loads.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string> Kinds() => new(BadInput.Kinds);

    private static (string Before, string After) WriteGoodFiles(TempDatabase db)
    {
        var before = db.WriteInput("a-good.json", CloudTrailJson.Delivery(Events("good-a", 3)));
        var after = db.WriteGzipInput("z-good.json.gz", CloudTrailJson.Delivery(Events("good-z", 2)));
        return (before, after);
    }

    private static void AssertFailedAlone(TempDatabase db, IngestRun run, BadInput bad)
    {
        var failure = Assert.Single(run.Summary.Failures, f => f.Path == bad.Path);
        Assert.Contains(bad.ExpectedReason, failure.Reason, StringComparison.Ordinal);
        Assert.Contains(run.Status.Errors, e => e.Contains(bad.Path, StringComparison.Ordinal)
            && e.Contains(bad.ExpectedReason, StringComparison.Ordinal));
        var row = FileRow(db, bad.Path);
        Assert.Equal("failed", row.Status);
        Assert.Contains(bad.ExpectedReason, row.Error, StringComparison.Ordinal);
        Assert.Equal(0, row.EventsNew);
        Assert.Equal(0, EventCountFrom(db, bad.Path));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Ingest_BadFileNextToGoodOnes_FailsAloneAndGoodFilesLoad(string kind)
    {
        using var db = new TempDatabase();
        var (before, after) = WriteGoodFiles(db);
        using var bad = BadInput.Write(db, kind);

        var run = RunIngest(db, db.InputFolder);

        Assert.Single(run.Summary.Failures);
        AssertFailedAlone(db, run, bad);
        Assert.Equal(2, run.Summary.FilesLoaded);
        Assert.Equal(["good-a-0", "good-a-1", "good-a-2", "good-z-0", "good-z-1"], EventIds(db));
        Assert.Equal("loaded", FileRow(db, before).Status);
        Assert.Equal("loaded", FileRow(db, after).Status);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Ingest_BadFileRewritten_LoadsOnTheNextIngest(string kind)
    {
        using var db = new TempDatabase();
        WriteGoodFiles(db);
        using var bad = BadInput.Write(db, kind);
        RunIngest(db, db.InputFolder);

        bad.Fix();
        var run = RunIngest(db, db.InputFolder);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, run.Summary.FilesUnchanged);
        Assert.Equal(1, run.Summary.FilesLoaded);
        var row = FileRow(db, bad.Path);
        Assert.Equal("loaded", row.Status);
        Assert.Null(row.Error);
        Assert.Equal(2, row.EventsNew);
        Assert.Equal(Sha256Of(bad.Path), row.Fingerprint);
        Assert.Equal(bad.FixedEventIds, EventIds(db).Where(id => id.StartsWith("fixed-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ingest_EveryKindOfBadFileInOneCall_EachFailsAndEveryGoodFileLoads()
    {
        using var db = new TempDatabase();
        var goods = new List<string>();
        var bads = new List<BadInput>();
        try
        {
            for (var i = 0; i < BadInput.Kinds.Length; i++)
            {
                goods.Add(db.WriteInput($"d{i}/good-{i}.json", CloudTrailJson.Delivery(Events($"good{i}", 2))));
                bads.Add(BadInput.Write(db, BadInput.Kinds[i], $"d{i}"));
            }

            var run = RunIngest(db, db.InputFolder);

            Assert.Equal(BadInput.Kinds.Length, run.Summary.Failures.Count);
            foreach (var bad in bads)
            {
                AssertFailedAlone(db, run, bad);
            }
            Assert.Equal(goods.Count, run.Summary.FilesLoaded);
            Assert.Equal(goods.Count * 2, EventCount(db));
            Assert.All(goods, g => Assert.Equal(2, EventCountFrom(db, g)));

            foreach (var bad in bads)
            {
                bad.Fix();
            }
            var again = RunIngest(db, db.InputFolder);
            Assert.Empty(again.Summary.Failures);
            Assert.Equal(bads.Count, again.Summary.FilesLoaded);
            Assert.Equal((goods.Count + bads.Count) * 2, EventCount(db));
        }
        finally
        {
            bads.ForEach(b => b.Dispose());
        }
    }

    [Theory]
    [InlineData("array-of-objects.json", "[{\"user\":\"alice\"},{\"user\":\"bob\"}]")]
    [InlineData("object.json", "{\"user\":\"alice\",\"action\":\"login\"}")]
    [InlineData("pretty-object.json", "{\n  \"user\": \"alice\"\n}\n")]
    [InlineData("lines.jsonl", "{\"user\":\"alice\"}\n{\"user\":\"bob\"}\n")]
    [InlineData("array-of-numbers.json", "[1, 2, 3]")]
    [InlineData("array-of-strings.json", "[\"a\", \"b\"]")]
    [InlineData("records-not-a-list.json", "{\"Records\": 5}")]
    [InlineData("records-of-numbers.json", "{\"Records\": [1, 2]}")]
    [InlineData("json-string.json", "\"just a string\"")]
    [InlineData("json-number.json", "42")]
    [InlineData("broken-json.json", "{\"Records\":[{\"eventID\":\"x\",\"eventTime\":")]
    [InlineData("binary.json", "\u0001\u0002\u0003")]
    public void Ingest_JsonThatIsNotCloudTrail_FailsWithNoRows(string name, string content)
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 1)));
        var path = db.WriteInput(name, content);

        var run = RunIngest(db, good, path);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal(path, failure.Path);
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
        Assert.Contains(run.Status.Errors, e => e.StartsWith(path + ": ", StringComparison.Ordinal));
        Assert.Equal("failed", FileRow(db, path).Status);
        Assert.Equal(["good-0"], EventIds(db));
    }

    [Fact]
    public void Ingest_MissingPath_IsReportedAndOtherPathsStillLoad()
    {
        using var db = new TempDatabase();
        var good = db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 2)));
        var missing = Path.Combine(db.InputFolder, "no-such-file.json");

        var run = RunIngest(db, missing, good);

        var failure = Assert.Single(run.Summary.Failures);
        Assert.Equal((missing, "no such file or folder"), failure);
        Assert.Contains(run.Status.Errors, e => e.Contains(missing, StringComparison.Ordinal));
        Assert.Equal(2, EventCount(db));
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE path = $missing", new { missing }));
    }

    [Fact]
    public void Ingest_EventsWithoutIdOrTime_AreSkippedCountedAndWarned()
    {
        using var db = new TempDatabase();
        var records = new List<object>(Events("ok", 3))
        {
            EventWith("no-id", ("eventID", null)),
            EventWith("empty-id", ("eventID", "")),
            EventWith("no-time", ("eventTime", null)),
            EventWith("bad-time", ("eventTime", "yesterday at noon")),
            EventWith("empty-time", ("eventTime", "")),
        };
        var path = db.WriteInput("mixed.json", CloudTrailJson.Delivery(records));

        var run = RunIngest(db, path);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(8, run.Summary.EventsRead);
        Assert.Equal(3, run.Summary.EventsNew);
        Assert.Equal(5, run.Summary.EventsSkipped);
        var warning = Assert.Single(run.Status.Warnings);
        Assert.Contains(path, warning, StringComparison.Ordinal);
        Assert.Contains("5 of 8", warning, StringComparison.Ordinal);
        var row = FileRow(db, path);
        Assert.Equal("loaded", row.Status);
        Assert.Equal(5, row.EventsSkipped);
        Assert.Equal(["ok-0", "ok-1", "ok-2"], EventIds(db));
    }

    [Fact]
    public void Ingest_FileWhoseEveryEventLacksAnId_LoadsWithAllSkipped()
    {
        using var db = new TempDatabase();
        var path = db.WriteInput("no-ids.json",
            CloudTrailJson.Array([EventWith("x", ("eventID", null)), EventWith("y", ("eventID", null))]));
        var good = db.WriteInput("good.json", CloudTrailJson.Array(Events("good", 1)));

        var run = RunIngest(db, path, good);

        Assert.Empty(run.Summary.Failures);
        Assert.Equal(2, run.Summary.EventsSkipped);
        Assert.Equal("loaded", FileRow(db, path).Status);
        Assert.Equal(["good-0"], EventIds(db));
    }

    [Fact]
    public void Ingest_ManyBadFilesAmongManyGoodOnes_IsolatesEachBadFile()
    {
        using var db = new TempDatabase();
        var bad = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            if (i % 7 == 3)
            {
                bad.Add(db.WriteInput($"f{i:00}.json", "{\"Records\":[{\"eventID\":"));
            }
            else
            {
                db.WriteInput($"f{i:00}.json", CloudTrailJson.Delivery(Events($"e{i:00}", 2)));
            }
        }

        var run = RunIngest(db, new IngestOptions { BatchFiles = 8 }, db.InputFolder);

        Assert.Equal(bad, run.Summary.Failures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal((24 - bad.Count) * 2, EventCount(db));
        Assert.Equal(24 - bad.Count, run.Summary.FilesLoaded);
    }
}
