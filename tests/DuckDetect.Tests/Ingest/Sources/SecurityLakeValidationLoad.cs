using DuckDetect.Tests.Support;
using static DuckDetect.Tests.Ingest.IngestKit;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>The Security Lake validation samples loaded once: the Parquet files in one database, their raw events in another.</summary>
public sealed class SecurityLakeValidationLoad : IDisposable
{
    public SecurityLakeValidationLoad()
    {
        var parquet = Directory.GetFiles(SecurityLakeOcsfTests.Validation, "*.test.gz.parquet", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToArray();
        var parquetRun = RunIngest(Parquet, parquet);
        var rawRun = RunIngest(Raw, parquet.Select(RawOf).ToArray());
        Assert.Empty(parquetRun.Summary.Failures);
        Assert.Empty(rawRun.Summary.Failures);
        Assert.Equal(21, parquetRun.Summary.EventsRead);
        Assert.Equal(21, rawRun.Summary.EventsRead);
    }

    public TempDatabase Parquet { get; } = new();

    public TempDatabase Raw { get; } = new();

    /// <summary>The raw CloudTrail file a Security Lake sample was mapped from: <c>input/NAME.test.gz</c> beside it.</summary>
    public static string RawOf(string parquet) =>
        Path.Combine(Path.GetDirectoryName(parquet)!, "input", Path.GetFileName(parquet).Replace(".test.gz.parquet", ".test.gz", StringComparison.Ordinal));

    public void Dispose()
    {
        Parquet.Dispose();
        Raw.Dispose();
    }
}
