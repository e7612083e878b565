using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest;

/// <summary>
/// Parquet files of ordinary size that hold far more once read than their size says (LargeParquetFiles): they load
/// whole, as the user runs it; under a memory bound too small for them, the file is left for the next run with its
/// own exit code (71, not 65: the data is not at fault), the other files still load, and a run with room loads it.
/// </summary>
public sealed class LargeParquetTests(LargeParquetFiles files) : IClassFixture<LargeParquetFiles>
{
    private const long Distinct = LargeParquetFiles.Records - LargeParquetFiles.Repeated;

    [Fact]
    public void Files_HoldMoreThan100MBOnceRead() => Assert.True(files.RecordBytes > 100_000_000, $"{files.RecordBytes} bytes");

    [Theory]
    [InlineData("glue")]
    [InlineData("security-lake")]
    public void Ingest_LargeParquetFile_LoadsEveryEvent(string style)
    {
        using var db = new TempDatabase();
        var file = style == "glue" ? files.Glue : files.SecurityLake;

        var result = Support.Cli.Run("ingest", file, "--db", db.Path, "--no-publish");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Distinct, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(Distinct, db.Scalar<long>("SELECT count(DISTINCT event_id) FROM cloudtrail_events"));
        Assert.Equal(1600, db.Scalar<long>("SELECT max(length(request_parameters->>'$.body')) FROM cloudtrail_events"));
        Assert.Equal("loaded", db.Scalar<string>("SELECT status FROM ingested_files"));
    }

    [Fact]
    public void Ingest_MemoryBoundTooSmallForAFile_LeavesItForTheNextRunWithItsOwnExitCode()
    {
        using var db = new TempDatabase();
        var small = db.WriteInput("small.json", CloudTrailJson.Delivery([CloudTrailJson.Event("small-1", new DateTimeOffset(2025, 6, 2, 1, 0, 0, TimeSpan.Zero))]));
        var big = Path.Combine(db.InputFolder, "big.parquet");
        File.Copy(files.Glue, big);

        var bounded = Support.Cli.Run("ingest", db.InputFolder, "--db", db.Path, "--no-publish", "--memory-limit", "150MB");

        Assert.True(bounded.ExitCode == 71, bounded.ToString());
        var line = Assert.Single(bounded.Stderr.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith($"error: {big}: not loaded: DuckDB ran out of memory", line, StringComparison.Ordinal);
        Assert.Contains("--memory-limit", line, StringComparison.Ordinal);
        Assert.Contains("1 left for lack of memory", bounded.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(small, db.Scalar<string>("SELECT string_agg(path, ',') FROM ingested_files"));
        Assert.Equal(0, db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status = 'failed'"));

        var again = Support.Cli.Run("ingest", db.InputFolder, "--db", db.Path, "--no-publish");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(Distinct + 1, db.Scalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(2, db.Scalar<long>("SELECT count(*) FROM ingested_files WHERE status = 'loaded'"));
    }
}
