using System.Text.Json;
using DuckDetect.Tests.Ingest;
using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Cli;

/// <summary>The CLI tests of ingest run one at a time: each starts the real duckdetect process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IngestCliCollection
{
    public const string Name = "ingest CLI";
}

/// <summary><c>duckdetect ingest</c> end to end: exit code, stdout and stderr of the real process.</summary>
[Collection(IngestCliCollection.Name)]
public sealed class IngestCliTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private CliResult Ingest(params string[] paths) => Support.Cli.Run(["ingest", "--db", _db.Path, .. paths]);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Cli_Ingest_GoodFiles_ExitsZeroWithTheSummaryOnStderrAndNothingOnStdout()
    {
        _db.WriteInput("a.json", CloudTrailJson.Delivery(Events("a", 3)));
        _db.WriteGzipInput("b/b.json.gz", CloudTrailJson.Delivery(Events("b", 2)));
        _db.WriteInput("c.ndjson", CloudTrailJson.Ndjson(Events("c", 1)));

        var result = Ingest(_db.InputFolder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stdout);
        var lines = Lines(result.Stderr);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"publish: {Path.Combine(_db.Folder, "test.alerts.duckdb")} (", lines[1], StringComparison.Ordinal);
        var summary = lines[0];
        Assert.StartsWith("ingest: 3 file(s) listed, 0 unchanged, 3 loaded, 0 failed; 6 event(s) read, 6 new, 0 skipped in ", summary,
            StringComparison.Ordinal);
        Assert.Equal(6, EventCount(_db));
    }

    [Fact]
    public void Cli_Ingest_UnchangedTreeAgain_SaysUnchangedAndExitsZero()
    {
        _db.WriteInput("a.json", CloudTrailJson.Delivery(Events("a", 3)));
        _db.WriteGzipInput("b/b.json.gz", CloudTrailJson.Delivery(Events("b", 2)));
        Assert.Equal(0, Ingest(_db.InputFolder).ExitCode);
        var rows = FileRows(_db);

        var result = Ingest(_db.InputFolder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 file(s) already loaded and unchanged, skipped", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("ingest: 2 file(s) listed, 2 unchanged, 0 loaded, 0 failed; 0 event(s) read, 0 new", result.Stderr,
            StringComparison.Ordinal);
        Assert.Equivalent(rows, FileRows(_db), strict: true);
        Assert.Equal(5, EventCount(_db));
    }

    [Fact]
    public void Cli_Ingest_EveryKindOfBadFileNextToGoodOnes_Exits65NamingEachAndLoadsTheGoodOnes()
    {
        var bads = new List<BadInput>();
        try
        {
            for (var i = 0; i < BadInput.Kinds.Length; i++)
            {
                _db.WriteInput($"d{i}/good.json", CloudTrailJson.Delivery(Events($"good{i}", 2)));
                bads.Add(BadInput.Write(_db, BadInput.Kinds[i], $"d{i}"));
            }

            var result = Ingest(_db.InputFolder);

            Assert.True(result.ExitCode == ExitCodes.InputFilesFailed, result.ToString());
            Assert.Equal("", result.Stdout);
            var errors = Lines(result.Stderr).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(bads.Count, errors.Count);
            foreach (var bad in bads)
            {
                Assert.Contains(errors, e => e.StartsWith($"error: {bad.Path}: ", StringComparison.Ordinal)
                    && e.Contains(bad.ExpectedReason, StringComparison.Ordinal));
                Assert.Equal("failed", FileRow(_db, bad.Path).Status);
                Assert.Equal(0, EventCountFrom(_db, bad.Path));
            }
            Assert.Contains($"{BadInput.Kinds.Length} loaded, {BadInput.Kinds.Length} failed", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(BadInput.Kinds.Length * 2, EventCount(_db));

            foreach (var bad in bads)
            {
                bad.Fix();
            }
            var again = Ingest(_db.InputFolder);

            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.DoesNotContain("error:", again.Stderr, StringComparison.Ordinal);
            Assert.Equal(BadInput.Kinds.Length * 4, EventCount(_db));
            Assert.All(bads, b => Assert.Equal("loaded", FileRow(_db, b.Path).Status));
        }
        finally
        {
            bads.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public void Cli_Ingest_MissingPath_Exits66()
    {
        var missing = Path.Combine(_db.InputFolder, "nowhere", "events.json.gz");

        var result = Ingest(missing);

        Assert.True(result.ExitCode == ExitCodes.NoInput, result.ToString());
        Assert.Contains($"error: {missing}: no such file or folder", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Ingest_MissingPathNextToAGoodFile_Exits66AndLoadsTheGoodFile()
    {
        var good = _db.WriteInput("good.json", CloudTrailJson.Delivery(Events("good", 2)));
        var missing = Path.Combine(_db.InputFolder, "missing.json");

        var result = Ingest(good, missing);

        Assert.True(result.ExitCode == ExitCodes.NoInput, result.ToString());
        Assert.Contains($"error: {missing}: no such file or folder", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, EventCount(_db));
    }

    [Fact]
    public void Cli_Ingest_MissingPathAndABadFile_Exits65()
    {
        var bad = _db.WriteInput("bad.json", "not json at all");

        var result = Ingest(bad, Path.Combine(_db.InputFolder, "missing.json"));

        Assert.True(result.ExitCode == ExitCodes.InputFilesFailed, result.ToString());
    }

    [Fact]
    public void Cli_Ingest_EventsWithoutIdOrTime_WarnsWithTheCountAndExitsZero()
    {
        var path = _db.WriteInput("mixed.json", CloudTrailJson.Delivery(
        [
            .. Events("ok", 2),
            EventWith("no-id", ("eventID", null)),
            EventWith("no-time", ("eventTime", null)),
            EventWith("bad-time", ("eventTime", "not a time")),
        ]));

        var result = Ingest(path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: {path}: 3 of 5 record(s) skipped", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("5 event(s) read, 2 new, 3 skipped", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, EventCount(_db));
    }

    [Fact]
    public void Cli_Ingest_Quiet_KeepsWarningsAndErrorsOnly()
    {
        var good = _db.WriteInput("good.json", CloudTrailJson.Delivery([.. Events("ok", 1), EventWith("no-id", ("eventID", null))]));
        var bad = _db.WriteInput("bad.json", "{\"Records\": [");

        var result = Support.Cli.Run("ingest", "--quiet", "--db", _db.Path, good, bad);

        Assert.True(result.ExitCode == ExitCodes.InputFilesFailed, result.ToString());
        Assert.DoesNotContain("ingest:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"warning: {good}: 1 of 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"error: {bad}: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Ingest_AwkwardPathsAsArguments_Load()
    {
        string[] names =
        [
            "x'; DROP TABLE cloudtrail_events; --.json.gz",
            "with space/a b.json",
            "ünïcødé/日本語.json",
            "glob[1].json",
            "star*.json",
            "-dash.json",
        ];
        var paths = names.Select((name, i) => name.EndsWith(".gz", StringComparison.Ordinal)
            ? _db.WriteGzipInput(name, CloudTrailJson.Delivery(Events($"n{i}", 2)))
            : _db.WriteInput(name, CloudTrailJson.Delivery(Events($"n{i}", 2)))).ToArray();

        var result = Ingest(paths);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{names.Length} loaded, 0 failed; {names.Length * 2} event(s) read", result.Stderr, StringComparison.Ordinal);
        Assert.All(paths, p => Assert.Equal(2, EventCountFrom(_db, p)));
    }

    [Fact]
    public void Cli_Ingest_FolderGlobAndFileInOneCall_LoadsEachFileOnce()
    {
        var single = _db.WriteInput("single.json", CloudTrailJson.Delivery(Events("single", 1)));
        _db.WriteInput("tree/a/b/x.jsonl", CloudTrailJson.Ndjson(Events("tree", 2)));
        _db.WriteGzipInput("logs/2024/05/01/y.json.gz", CloudTrailJson.Delivery(Events("deep", 3)));
        _db.WriteGzipInput("logs/z.json.gz", CloudTrailJson.Delivery(Events("top", 1)));
        _db.WriteInput("logs/skip.json", CloudTrailJson.Delivery(Events("skip", 1)));

        var result = Ingest(single, Path.Combine(_db.InputFolder, "tree"), Path.Combine(_db.InputFolder, "logs", "**", "*.json.gz"), single);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ingest: 4 file(s) listed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(7, EventCount(_db));
        Assert.Equal(0, _db.Scalar<long>("SELECT count(*) FROM cloudtrail_events WHERE event_id LIKE 'skip%'"));
    }

    [Fact]
    public void Cli_Ingest_GlobMatchingNothing_WarnsAndExitsZero()
    {
        var pattern = Path.Combine(_db.InputFolder, "**", "*.json.gz");

        var result = Ingest(pattern);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"warning: {pattern}: the pattern matched no file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_Ingest_ParquetFile_Loads()
    {
        var path = WriteParquet(Path.Combine(_db.InputFolder, "events.parquet"),
            """
            SELECT 'pq-' || i AS eventID, '2024-05-01 12:00:0' || i AS eventTime, 'bedrock.amazonaws.com' AS eventSource,
                   'InvokeModel' AS eventName, '{"modelId":"m"}' AS requestParameters,
                   {'type': 'IAMUser', 'accountId': '111122223333'} AS userIdentity
            FROM range(3) t(i)
            """);

        var result = Ingest(path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, EventCount(_db));
        var row = EventRow(_db, "pq-1");
        Assert.Equal("111122223333", row["account_id"]);
        using var parameters = JsonDocument.Parse(row["request_parameters"]!);
        Assert.Equal("m", parameters.RootElement.GetProperty("modelId").GetString());
    }

    [Fact]
    public void Cli_Ingest_RealBedrockSamples_LandWithTheirModelIds()
    {
        var result = Ingest(
            RealData.PathOf("stratus-red-team/aws.impact.bedrock-invoke-model.json"),
            RealData.PathOf("elastic-integrations/test-converse-json.log"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var models = _db.Query<(string Name, string Model)>(
            """
            SELECT event_name, json_extract_string(request_parameters, '$.modelId')
            FROM cloudtrail_events
            WHERE event_source = 'bedrock.amazonaws.com' AND event_name IN ('InvokeModel', 'Converse')
            ORDER BY event_name
            """);
        Assert.Equal(
            [("Converse", "anthropic.claude-3-5-sonnet-20240620-v1:0"), ("InvokeModel", "anthropic.claude-3-sonnet-20240229-v1:0")],
            models);
    }

    [Fact]
    public void Cli_Ingest_RealSampleFolder_LoadsItsUniqueEvents()
    {
        // 55 delivery files, 2,900 records, 2,900 distinct eventIDs (see RealDataTests for how they were counted).
        var result = Ingest(RealData.PathOf("invictus-ir-aws_dataset"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ingest: 55 file(s) listed, 0 unchanged, 55 loaded, 0 failed; 2,900 event(s) read, 2,900 new, 0 skipped",
            result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2900, EventCount(_db));
    }
}
