using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;

namespace DuckDetect.Commands;

/// <summary>How ingest loads: how big its batches (one DuckDB read and one transaction each) may grow, what it lists, what it keeps.</summary>
public sealed class BatchOptions : ICommandParameterSet
{
    [Option("batch-mb", Description = "Upper bound of one ingest batch, in MB of uncompressed JSON (gzip and Parquet count 10x their size; default 512), or eight of the largest files if more", ValueName = "MB")]
    [HasDefaultValue]
    public int BatchMegabytes { get; set; } = 512;

    [Option("full-listing", Description = "List and check every file of the folders walked, also those unchanged since the last call (see docs/scale.md)")]
    [HasDefaultValue]
    public bool FullListing { get; set; }

    [Option("keep-text", Description = "Also keep Bedrock invocations' prompt and response texts, credentials masked, in bedrock_invocation_texts (never published; see docs/invocation-logs.md)")]
    [HasDefaultValue]
    public bool KeepText { get; set; }

    [Option("retry-bodies", Description = "First read again the bodies Bedrock delivered separately (inputBodyS3Path) of the stored invocations that have them unread, e.g. after S3 access was fixed (see docs/invocation-logs.md)")]
    [HasDefaultValue]
    public bool RetryBodies { get; set; }

    public IngestOptions ToIngestOptions() => BatchMegabytes >= 1
        ? new IngestOptions { BatchBytes = BatchMegabytes * 1024L * 1024L, FullListing = FullListing, KeepText = KeepText, RetryBodies = RetryBodies }
        : throw new DuckDetectException(FailureKind.InvalidArguments, "--batch-mb must be at least 1");
}
