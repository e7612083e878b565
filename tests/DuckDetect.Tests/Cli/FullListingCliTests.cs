using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Cli;

/// <summary><c>--full-listing</c> and DUCKDETECT_SETTLE_SECONDS through the real process (docs/scale.md).</summary>
[Collection(IngestCliCollection.Name)]
public sealed class FullListingCliTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private CliResult Run(params string[] args) => Support.Cli.Run(
        ["ingest", "--db", _db.Path, _db.InputFolder, .. args],
        new Dictionary<string, string> { ["DUCKDETECT_SETTLE_SECONDS"] = "0", ["DUCKDETECT_TRACE"] = "1" });

    [Fact]
    public void Ingest_SkipsSettledFolders_AndFullListingReadsThemAll()
    {
        _db.WriteGzipInput("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/a.json.gz", CloudTrailJson.Delivery(Events("a", 2)));
        Assert.Equal(0, Run().ExitCode);

        var fast = Run();
        var full = Run("--full-listing");

        Assert.True(fast.ExitCode == 0, fast.ToString());
        Assert.Contains("trace: ingest: 7 folder(s) unchanged and skipped (1 file(s)), 1 read", fast.Stderr, StringComparison.Ordinal);
        Assert.True(full.ExitCode == 0, full.ToString());
        Assert.Contains("trace: ingest: 0 folder(s) unchanged and skipped (0 file(s)), 8 read", full.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 file(s) listed, 1 unchanged, 0 loaded", full.Stderr, StringComparison.Ordinal);
    }
}
