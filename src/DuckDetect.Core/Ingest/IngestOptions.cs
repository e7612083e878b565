namespace DuckDetect.Core.Ingest;

/// <summary>Knobs of an ingest call.</summary>
public sealed record IngestOptions
{
    /// <summary>Upper bound of one batch, in estimated uncompressed bytes (gzip and Parquet count 10× their size).</summary>
    public long BatchBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Upper bound of one batch, in files.</summary>
    public int BatchFiles { get; init; } = 20000;

    /// <summary>Always stage and check each batch (tests compare it with the direct load).</summary>
    internal bool ExactOnly { get; init; }
}
