namespace DuckDetect.Core.Ingest;

/// <summary>A file that ingest must read: where it is, what it looks like, and how DuckDB is to read it.</summary>
public sealed record PendingFile(string Path, long SizeBytes, DateTimeOffset ModifiedAt)
{
    public string? Fingerprint { get; init; }

    public SniffResult? Sniff { get; init; }

    /// <summary>The file's size once decompressed (known after <see cref="FileChecks.Verify"/>).</summary>
    public long ContentBytes { get; init; } = SizeBytes;

    /// <summary>The path handed to DuckDB; a link without glob characters when <see cref="Path"/> has some.</summary>
    public string ReadPath { get; init; } = Path;

    /// <summary>The format as <c>ingested_files</c> records it: <c>ndjson+gzip</c>, <c>parquet</c>, <c>ndjson+ocsf</c>, ...</summary>
    public string FormatName => Sniff is null ? "unknown" : Sniff.Format.ToString().ToLowerInvariant()
        + (Sniff.Shape == RecordShape.CloudTrail ? "" : "+" + Sniff.Shape.ToString().ToLowerInvariant())
        + (Sniff.Gzip ? "+gzip" : "");
}
