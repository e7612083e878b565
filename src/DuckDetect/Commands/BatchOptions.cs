using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Ingest;

namespace DuckDetect.Commands;

/// <summary>How big ingest's batches (one DuckDB read and one transaction each) may grow.</summary>
public sealed class BatchOptions : ICommandParameterSet
{
    [Option("batch-mb", Description = "Upper bound of one ingest batch, in MB of uncompressed JSON (gzip and Parquet count 10x their size; default 512), or eight of the largest files if more", ValueName = "MB")]
    [HasDefaultValue]
    public int BatchMegabytes { get; set; } = 512;

    [Option("full-listing", Description = "List and check every file of the folders walked, also those unchanged since the last call (see docs/scale.md)")]
    [HasDefaultValue]
    public bool FullListing { get; set; }

    public IngestOptions ToIngestOptions() => BatchMegabytes >= 1
        ? new IngestOptions { BatchBytes = BatchMegabytes * 1024L * 1024L, FullListing = FullListing }
        : throw new DuckDetectException(FailureKind.InvalidArguments, "--batch-mb must be at least 1");
}
