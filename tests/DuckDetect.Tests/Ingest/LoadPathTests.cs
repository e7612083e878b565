using Dapper;
using DuckDetect.Core.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// Ingest loads a batch directly (one pass from the files) when every record is a new, valid, distinct event, and
/// the exact way (staged, counted, deduplicated) otherwise. Both must leave the same events and the same
/// ingested_files rows: each case here is loaded both ways and the two databases are compared row for row.
/// </summary>
public sealed class LoadPathTests
{
    [Fact]
    public void Ingest_PlainBatch_LoadsDirectly()
    {
        using var direct = new TempDatabase();
        using var exact = new TempDatabase();
        var files = new[]
        {
            direct.WriteGzipInput("a.json.gz", CloudTrailJson.Delivery(Events("a", 40))),
            direct.WriteInput("b.json", CloudTrailJson.Ndjson(Events("b", 30))),
            direct.WriteInput("c.json", CloudTrailJson.Array(Events("c", 20))),
        };

        var run = RunIngest(direct, files);
        var reference = RunIngest(exact, ExactOnly, files);

        Assert.Equal(0, run.Summary.ExactLoads);
        Assert.Equal(1, reference.Summary.ExactLoads);
        Assert.Equal(90, run.Summary.EventsNew);
        AssertSameLoads(direct, exact);
    }

    public static TheoryData<string> Irregular => new()
    {
        "record without eventID",
        "record with an eventTime that is not a time",
        "eventID twice in one file",
        "eventID in two files",
        "file that is not CloudTrail",
    };

    [Theory]
    [MemberData(nameof(Irregular))]
    public void Ingest_BatchWithAnIrregularRecord_IsLoadedTheExactWay(string irregular)
    {
        using var direct = new TempDatabase();
        using var exact = new TempDatabase();
        var files = WriteBatch(direct, irregular);

        var run = RunIngest(direct, files);
        RunIngest(exact, ExactOnly, files);

        Assert.Equal(1, run.Summary.ExactLoads);
        Assert.Empty(direct.Query<string>("SELECT event_id FROM cloudtrail_events GROUP BY event_id HAVING count(*) > 1"));
        AssertSameLoads(direct, exact);
    }

    [Fact]
    public void Ingest_FileWithEventsAlreadyStored_IsLoadedTheExactWay()
    {
        using var direct = new TempDatabase();
        using var exact = new TempDatabase();
        var first = direct.WriteInput("first.json", CloudTrailJson.Array(Events("e", 10)));
        var redelivered = direct.WriteInput("again.json", CloudTrailJson.Array(Events("e", 12)));
        RunIngest(direct, first);
        RunIngest(exact, ExactOnly, first);

        var run = RunIngest(direct, redelivered);
        RunIngest(exact, ExactOnly, redelivered);

        Assert.Equal(1, run.Summary.ExactLoads);
        Assert.Equal(2, run.Summary.EventsNew);
        Assert.Equal(12, run.Summary.EventsRead);
        AssertSameLoads(direct, exact);
    }

    [Fact]
    public void Ingest_OneIrregularBatchAmongPlainOnes_OnlyThatBatchIsLoadedTheExactWay()
    {
        using var db = new TempDatabase();
        var files = Enumerable.Range(0, 4)
            .Select(i => db.WriteInput($"f{i}.json", CloudTrailJson.Array(Events($"f{i}", 5))))
            .Append(db.WriteInput("f4.json", CloudTrailJson.Array(Events("f0", 1))))
            .ToArray();

        // One file per batch: the last file repeats an event of the first.
        var run = RunIngest(db, new IngestOptions { BatchFiles = 1 }, files);

        Assert.Equal(1, run.Summary.ExactLoads);
        Assert.Equal(20, run.Summary.EventsNew);
        Assert.Equal(21, run.Summary.EventsRead);
    }

    [Fact]
    public void Ingest_QuickstartSample_DirectAndExactLoadsAgree()
    {
        using var direct = new TempDatabase();
        using var exact = new TempDatabase();
        var sample = Path.Combine(RepoPaths.Data, "cloudtrail");

        var run = RunIngest(direct, sample);
        RunIngest(exact, ExactOnly, sample);

        Assert.Equal(0, run.Summary.ExactLoads);
        AssertSameLoads(direct, exact);
    }

    /// <summary>
    /// Most CloudTrail samples are loaded both ways in <see cref="RealDataTests"/>; the largest (3,872 files, its
    /// eventIDs repeated across files) by its first day of 288 files here, and the other shapes whole.
    /// </summary>
    [Theory]
    [InlineData("sans-504-s3-ransomware-lab/us-west-1/2021/07/29")]
    [InlineData("security-lake-ocsf-validation")]
    [InlineData("elastic-beats")]
    [InlineData("elastic-integrations")]
    [InlineData("plaso")]
    public void Ingest_RealSample_DirectAndExactLoadsAgree(string source)
    {
        using var direct = new TempDatabase();
        using var exact = new TempDatabase();

        RunIngest(direct, RealData.PathOf(source));
        RunIngest(exact, ExactOnly, RealData.PathOf(source));

        AssertSameLoads(direct, exact);
    }

    /// <summary>
    /// The new shapes take the single-pass load too when their records are plain new events (not the whole validation
    /// folder: two of AWS's samples, UnknownAPI and UpdateTrail, share an eventID).
    /// </summary>
    [Theory]
    [InlineData("security-lake-ocsf-validation/account_change")]
    [InlineData("security-lake-ocsf-validation/authentication")]
    [InlineData("elastic-beats")]
    [InlineData("plaso")]
    public void Ingest_RealSampleOfAnotherShape_LoadsDirectly(string source)
    {
        using var db = new TempDatabase();

        var run = RunIngest(db, RealData.PathOf(source));

        Assert.Empty(run.Summary.Failures);
        Assert.True(run.Summary.EventsNew > 0);
        Assert.Equal(0, run.Summary.ExactLoads);
    }

    private static string[] WriteBatch(TempDatabase db, string irregular)
    {
        var plain = db.WriteInput("1-plain.json", CloudTrailJson.Array(Events("p", 8)));
        var odd = irregular switch
        {
            "record without eventID" => db.WriteInput("2-odd.json", CloudTrailJson.Array(
                [.. Events("o", 3), EventWith("x", ("eventID", null))])),
            "record with an eventTime that is not a time" => db.WriteInput("2-odd.json", CloudTrailJson.Array(
                [.. Events("o", 3), EventWith("x", ("eventTime", "yesterday"))])),
            "eventID twice in one file" => db.WriteInput("2-odd.json", CloudTrailJson.Array(
                [.. Events("o", 3), EventWith("o-1", ("eventName", "Converse"))])),
            "eventID in two files" => db.WriteInput("2-odd.json", CloudTrailJson.Array(
                [.. Events("o", 3), EventWith("p-2", ("eventName", "Converse"))])),
            "file that is not CloudTrail" => db.WriteInput("2-odd.json", """[{"name": "a"}, {"name": "b"}]"""),
            _ => throw new ArgumentOutOfRangeException(nameof(irregular)),
        };
        return [plain, odd];
    }
}
