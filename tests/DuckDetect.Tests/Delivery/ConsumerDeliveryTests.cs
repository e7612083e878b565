using System.Text.Json.Nodes;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Delivery;

/// <summary>alerts/run --consumer: every change reaches each consumer at least once, keyed for exactly-once.</summary>
public sealed class ConsumerDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-02T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly TempDatabase _db = new();

    private CliResult Run(params string[] extra) =>
        Support.Cli.Run(["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z", "--no-publish", .. SeedRule.Only, .. extra]);

    private CliResult Consume(string consumer, params string[] extra) =>
        Support.Cli.Run(["alerts", "--db", _db.Path, "--consumer", consumer, .. extra]);

    private static List<JsonObject> Records(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

    [Fact]
    public void Consumer_GetsEachChangeOnceWhileItsCursorMoves_AndConsumersKeepTheirOwnCursors()
    {
        ProbingInput.Write(_db, "probe", Start);

        var first = Run("--consumer", "siem");
        var again = Consume("siem");
        var other = Consume("archive");

        Assert.Equal(0, first.ExitCode);
        var record = Assert.Single(Records(first.Stdout));
        Assert.Equal("created", (string?)record["change"]);
        Assert.Equal(1, (int?)record["alert_version"]);
        Assert.Equal($"{record["alert_id"]}/1", (string?)record["delivery_key"]);
        Assert.Equal(600, (int?)record["inference_call_count"]);
        Assert.Equal("", again.Stdout);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal((string?)record["delivery_key"], (string?)Assert.Single(Records(other.Stdout))["delivery_key"]);
        Assert.Equal(1L, _db.Scalar<long>("SELECT cursor FROM delivery_consumers WHERE consumer = 'siem'"));
    }

    [Fact]
    public void Consumer_LateDataRetractsAndRaises_SendsTheRetractionAndTheNewAlert()
    {
        ProbingInput.Write(_db, "later", Start);
        Assert.Equal(0, Run("--consumer", "siem").ExitCode);
        var original = (string?)Assert.Single(Records(Consume("audit").Stdout))["alert_id"];

        // Earlier probing arrives late: it opens an alert whose suppression swallows the first one.
        ProbingInput.Write(_db, "earlier", Start.AddMinutes(-40), calls: 600);
        var rerun = Run("--consumer", "siem");

        var records = Records(rerun.Stdout);
        var retraction = Assert.Single(records, r => (string?)r["change"] == "retracted");
        Assert.Equal(original, (string?)retraction["alert_id"]);
        Assert.Equal(2, (int?)retraction["alert_version"]);
        Assert.Contains("late data re-evaluation", (string?)retraction["retraction_reason"], StringComparison.Ordinal);
        Assert.NotNull(retraction["retracted_at"]);
        Assert.Contains(records, r => (string?)r["change"] == "created" && (string?)r["alert_id"] != original);
        // The consumer that was away gets the same records when it comes back.
        Assert.Equal(records.Select(r => (string?)r["delivery_key"]).Order(), Records(Consume("audit").Stdout).Select(r => (string?)r["delivery_key"]).Order());
    }

    [Fact]
    public void Run_KilledBetweenCommitAndPrint_NextCallSendsWhatWasMissed()
    {
        ProbingInput.Write(_db, "probe", Start);
        using var process = Support.Cli.Start(
            ["run", _db.InputFolder, "--db", _db.Path, "--to", "2026-03-02T06:00:00Z", "--no-publish", "--consumer", "siem", .. SeedRule.Only],
            new Dictionary<string, string> { ["DUCKDETECT_TEST_HOLD"] = "after-commit" });
        ProbingInput.WaitForStderr(process, "holding at after-commit", TimeSpan.FromMinutes(2));
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.Equal("", process.StandardOutput.ReadToEnd());
        Assert.Equal(1L, _db.Scalar<long>("SELECT count(*) FROM alerts"));

        var next = Consume("siem");

        Assert.Equal(0, next.ExitCode);
        Assert.Equal("created", (string?)Assert.Single(Records(next.Stdout))["change"]);
    }

    [Fact]
    public async Task Alerts_KilledAfterPrintingBeforeTheCursorMoved_SendsTheSameKeysAgain()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Run().ExitCode);
        using var process = Support.Cli.Start(["alerts", "--db", _db.Path, "--consumer", "siem"],
            new Dictionary<string, string> { ["DUCKDETECT_TEST_HOLD"] = "after-output" });
        var printed = process.StandardOutput.ReadLineAsync();
        ProbingInput.WaitForStderr(process, "holding at after-output", TimeSpan.FromMinutes(2));
        process.Kill(entireProcessTree: true);
        process.WaitForExit();

        var again = Consume("siem");

        var key = (string?)JsonNode.Parse((await printed)!)!["delivery_key"];
        Assert.Equal(key, (string?)Assert.Single(Records(again.Stdout))["delivery_key"]);
    }

    [Fact]
    public void Alerts_ToAClosedPipe_FailsAndLeavesTheCursorWhereItWas()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Run().ExitCode);

        using var process = Support.Cli.Start(["alerts", "--db", _db.Path, "--consumer", "siem"]);
        process.StandardOutput.BaseStream.Close();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(73, process.ExitCode);
        Assert.Contains("cursor did not move", stderr, StringComparison.Ordinal);
        Assert.Equal(0L, _db.Scalar<long>("SELECT count(*) FROM delivery_consumers"));
        Assert.Single(Records(Consume("siem").Stdout));
    }

    [Theory]
    [InlineData("", 129)]
    [InlineData("has space", 64)]
    [InlineData("semi;colon", 64)]
    public void Alerts_BadConsumerName_ExitsWithoutWriting(string name, int code)
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Run().ExitCode);

        var result = name.Length == 0 ? Support.Cli.Run("alerts", "--db", _db.Path, "--consumer") : Consume(name);

        Assert.Equal(code, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0L, _db.Scalar<long>("SELECT count(*) FROM delivery_consumers"));
    }

    [Fact]
    public void Consumer_CsvAndTable_CarryTheChange()
    {
        ProbingInput.Write(_db, "probe", Start);
        Assert.Equal(0, Run().ExitCode);

        var csv = Consume("csv", "--format", "csv").Stdout.Split('\n');
        var table = Consume("table", "--format", "table").Stdout;

        Assert.StartsWith("delivery_key,change,alert_version,change_seq,changed_at,alert_id,", csv[0], StringComparison.Ordinal);
        Assert.Contains(",created,1,1,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("AWS Bedrock High-Frequency Single-Model Inference API Probing (medium): ", table, StringComparison.Ordinal);
        Assert.StartsWith("| change ", table.Split('\n')[1], StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
