namespace DuckDetect.Core.Ingest;

/// <summary>The totals of one ingest call.</summary>
public sealed class IngestSummary
{
    public int FilesListed { get; set; }

    public int FilesUnchanged { get; set; }

    public int FilesLoaded { get; set; }

    /// <summary>Folders of folder walks skipped as unchanged since they were last read (see FolderListing).</summary>
    public int FoldersSkipped { get; set; }

    /// <summary>Folders of folder walks read (new, changed, untrusted, or due for their recheck).</summary>
    public int FoldersRead { get; set; }

    public long EventsRead { get; set; }

    public long EventsNew { get; set; }

    public long EventsSkipped { get; set; }

    /// <summary>Bedrock model invocation log records read, new (one per account and request id) and skipped.</summary>
    public long InvocationsRead { get; set; }

    public long InvocationsNew { get; set; }

    public long InvocationsSkipped { get; set; }

    /// <summary>Invocations this call matched to their CloudTrail calls (InvocationJoin): by request id, by time.</summary>
    public long InvocationsMatchedByRequestId { get; set; }

    public long InvocationsMatchedByTime { get; set; }

    /// <summary>After the call: the invocations stored, and how many of them have their CloudTrail call.</summary>
    public long InvocationsStored { get; set; }

    public long InvocationsMatched { get; set; }

    /// <summary>Batches loaded the exact (staged) way: they held a skipped, repeated or already stored record.</summary>
    public int ExactLoads { get; set; }

    public List<(string Path, string Reason)> Failures { get; } = [];

    /// <summary>
    /// Files left for the next run because DuckDB ran out of memory on them even at the session's ceiling: not the
    /// files' fault, so not recorded as failed.
    /// </summary>
    public List<(string Path, string Reason)> Deferred { get; } = [];

    /// <summary>S3 requests of the call (retries included), and the bytes they read.</summary>
    public long S3ListRequests { get; set; }

    public long S3GetRequests { get; set; }

    /// <summary>What <c>--retry-bodies</c> read, and what it left unread; null without the option.</summary>
    public SeparateBodyCounts? SeparateBodiesRetried { get; set; }

    public long S3BytesRead { get; set; }

    public decimal S3RequestCostUsd => S3.S3Pricing.RequestCost(S3ListRequests, S3GetRequests);

    /// <summary>Each S3 source ingested: its requests and objects.</summary>
    public List<S3.S3SourceFigures> S3Sources { get; } = [];

    /// <summary>S3 sources that could not be listed at all (credentials, bucket, permission), with why.</summary>
    public List<(string Source, S3.S3FailureKind Kind, string Reason)> S3SourceFailures { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public bool HasFailures => Failures.Count > 0 || Deferred.Count > 0 || S3SourceFailures.Count > 0;
}
