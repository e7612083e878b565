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

    /// <summary>Always stage and check each batch (tests compare it with the direct load).</summary>
    internal bool ExactOnly { get; init; }
}
