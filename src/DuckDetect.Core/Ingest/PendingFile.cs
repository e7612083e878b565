namespace DuckDetect.Core.Ingest;

/// <summary>A file that ingest must read: where it is, what it looks like, and how DuckDB is to read it.</summary>
public sealed record PendingFile(string Path, long SizeBytes, DateTimeOffset ModifiedAt)
{
    public string? Fingerprint { get; init; }

    /// <summary>An S3 object's ETag: its fingerprint (<c>etag:ETAG</c>) instead of a hash of its local copy.</summary>
    public string? ETag { get; init; }

    /// <summary>An S3 object's fingerprint as <c>ingested_files</c> keeps it (<c>etag:ETAG</c>); null for a local file.</summary>
    public string? ObjectFingerprint => ETag is null ? null : "etag:" + ETag;

    public SniffResult? Sniff { get; init; }

    /// <summary>The file's size once decompressed (known after <see cref="FileChecks.Verify"/>).</summary>
    public long ContentBytes { get; init; } = SizeBytes;

    /// <summary>
    /// The file read: a link without glob characters when <see cref="Path"/> has some, the local copy of an S3 object.
    /// </summary>
    public string ReadPath { get; init; } = Path;

    /// <summary>The format as <c>ingested_files</c> records it: <c>ndjson+gzip</c>, <c>parquet</c>, <c>ndjson+ocsf</c>, ...</summary>
    public string FormatName => Sniff is null ? "unknown" : Sniff.Format.ToString().ToLowerInvariant()
        + (Sniff.Shape == RecordShape.CloudTrail ? "" : "+" + Sniff.Shape.ToString().ToLowerInvariant())
        + (Sniff.Gzip ? "+gzip" : "");
}
