namespace DuckDetect.Core.Ingest;

/// <summary>Knobs of an ingest call.</summary>
public sealed record IngestOptions
{
    /// <summary>
    /// Upper bound of one batch, in estimated uncompressed bytes (gzip and Parquet count 10× their size), unless the
    /// load's largest files need more (<see cref="BatchBytesFor"/>).
    /// </summary>
    public long BatchBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>
    /// Keep the texts of Bedrock invocations (the last user turn and the response), credentials masked, in
    /// <c>bedrock_invocation_texts</c>; without it only hashes, lengths and flags are stored (docs/invocation-logs.md).
    /// </summary>
    public bool KeepText { get; init; }

    /// <summary>
    /// Read again the bodies delivered separately of the stored invocations that have them unread
    /// (<c>separate_body_read = false</c>), after the call's files (<c>--retry-bodies</c>; docs/invocation-logs.md).
    /// </summary>
    public bool RetryBodies { get; init; }

    /// <summary>Upper bound of one batch, in files.</summary>
    public int BatchFiles { get; init; } = 20000;

    /// <summary>
    /// DuckDB's memory for the checks of a call: which listed files need reading (a scan of the path of every loaded
    /// file) and, after each small batch is read, whether an eventID is stored twice (a scan of every stored event's
    /// 8-byte key). DuckDB keeps the blocks it reads cached up to its limit (by default 80% of RAM), so that a
    /// scheduled run's memory grew with the history (about 120 MB of cache for 1M files and 6.6M events); under this
    /// limit the scans stream through it. The reads of the files themselves keep <see cref="MemoryLimitFor"/>: DuckDB's
    /// JSON reader takes buffers of 32 MiB each, and 18 small files needed more than 128 MB on two threads.
    /// </summary>
    internal const long CheckMemory = 48L << 20;

    /// <summary>
    /// DuckDB's memory limit for the checks after a small batch is read: <see cref="CheckMemory"/> and twice the
    /// batch's largest file once read, since a value that large is pinned whole when the batch commits (a test loads a
    /// 50 MB <c>requestParameters</c>).
    /// </summary>
    internal static long CheckMemoryFor(long largestFileBytes) => CheckMemory + (2 * largestFileBytes);

    /// <summary>
    /// DuckDB's memory limit while a batch is read, for a batch whose largest file is <paramref name="largestFileBytes"/>
    /// once read and whose largest JSON value may be <paramref name="maxObjectBytes"/>: ten times that file, one and a
    /// half batches, and at least 768 MiB, plus the read buffers DuckDB sizes from the largest value. Without a limit
    /// DuckDB keeps the blocks it wrote and read cached up to 80% of RAM, and a long backfill grows with the table.
    /// Measured (docs/scale.md): a floor of 2 GiB for every batch gave hourly files (up to 52 MB) 1.2-1.5 GB of peak
    /// memory where bare DuckDB took 1.1 GB, and 768 MiB gave them 1.0-1.1 GB in the same time; but 768 MiB made
    /// 3-hourly files (up to 190 MB) twice as slow, which ten times their largest file (1.9 GB) does not.
    /// </summary>
    internal static long MemoryLimitFor(long largestFileBytes, long maxObjectBytes, long batchBytes) =>
        Math.Max(Math.Max(768L << 20, 10 * largestFileBytes), 3 * batchBytes / 2) + (4 * maxObjectBytes);

    /// <summary>How many of the load's largest files a batch has room for at the least (<see cref="BatchBytesFor"/>).</summary>
    internal const int LargestFilesPerBatch = 8;

    /// <summary>
    /// The cap of one batch, in estimated bytes, for a load whose largest file is estimated at
    /// <paramref name="largestEstimatedBytes"/>: <see cref="BatchBytes"/>, or room for eight such files if that is more.
    /// Each batch pays a fixed cost (the duplicate check, the commit, and DuckDB's start and end of a read, where one
    /// thread finishes the last large file while the other waits): 3-hourly files of up to 190 MB made batches of about
    /// 13 files under 512 MB, and 10M events took 121–126 s in 24 batches against 108 s in 8 (docs/scale.md).
    /// </summary>
    internal long BatchBytesFor(long largestEstimatedBytes) => Math.Max(BatchBytes, LargestFilesPerBatch * largestEstimatedBytes);

    /// <summary>
    /// DuckDB's memory limit for the check of which of <paramref name="files"/> listed files need reading: its hash
    /// table holds the listed paths (about 1 KiB each with the join's overhead, a first listing of a million files
    /// included), while the stored paths stream through.
    /// </summary>
    internal static long ListingMemoryFor(int files) => CheckMemory + (files * 1024L);

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

    /// <summary>
    /// A load estimated at this many bytes or more is large: its duplicate checks run under DuckDB's usual memory
    /// rather than the small limit that keeps a scheduled call's memory apart from the history (<see cref="BatchMemory"/>).
    /// A row group of events of about 1 KiB each, CloudTrail records being 1 to 2 KiB as JSON.
    /// </summary>
    internal long LargeLoadBytes { get; init; } = Storage.VacuumSchedule.RowGroupRows * 1024;

    /// <summary>Always stage and check each batch (tests compare it with the direct load).</summary>
    internal bool ExactOnly { get; init; }
}
