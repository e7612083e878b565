namespace DuckDetect.Core.Ingest;

/// <summary>Knobs of an ingest call.</summary>
public sealed record IngestOptions
{
    /// <summary>Upper bound of one batch, in estimated uncompressed bytes (gzip and Parquet count 10× their size).</summary>
    public long BatchBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Upper bound of one batch, in files.</summary>
    public int BatchFiles { get; init; } = 20000;

    /// <summary>
    /// DuckDB's memory limit for a batch whose largest JSON value may be <paramref name="maxObjectBytes"/>: room for
    /// three batches (at least 2 GiB) and for the read buffers DuckDB sizes from that value. Without a limit DuckDB
    /// keeps the blocks it wrote and read cached up to 80% of RAM, and a long backfill grows with the table.
    /// </summary>
    internal long MemoryLimitFor(long maxObjectBytes) => Math.Max(2L << 30, 3 * BatchBytes) + (4 * maxObjectBytes);

    /// <summary>Read every folder of a walk, whatever its record says (<c>--full-listing</c>); the records are saved anew.</summary>
    public bool FullListing { get; init; }

    /// <summary>
    /// How long a folder and its files must have been unchanged when read for its record to be trusted: a file system
    /// clock may not have moved for an entry added just after, and a file still being written grows in place.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = DefaultSettleTime();

    /// <summary>Five minutes; DUCKDETECT_SETTLE_SECONDS sets another (benchmarks and tests on files written just now).</summary>
    private static TimeSpan DefaultSettleTime() =>
        int.TryParse(Environment.GetEnvironmentVariable("DUCKDETECT_SETTLE_SECONDS"), out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromMinutes(5);

    /// <summary>Always stage and check each batch (tests compare it with the direct load).</summary>
    internal bool ExactOnly { get; init; }
}
