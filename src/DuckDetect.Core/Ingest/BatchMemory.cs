namespace DuckDetect.Core.Ingest;

/// <summary>
/// DuckDB's memory limit for a batch: <paramref name="Read"/> while its files are read (set again by each way of
/// loading it, since a setting outlives a rolled-back try), and <paramref name="Check"/> for the checks against the
/// stored events after the read, in a small load (<see cref="IngestOptions.CheckMemory"/>); null keeps the read's.
/// Neither ever exceeds <paramref name="Ceiling"/>, the session's bound (<c>--memory-limit</c>, else DuckDB's default).
/// </summary>
internal sealed record BatchMemory(long Read, long? Check, long Ceiling)
{
    /// <summary>A batch's limits, each cut to <paramref name="ceiling"/>.</summary>
    public static BatchMemory Within(long read, long? check, long ceiling) =>
        new(Math.Min(read, ceiling), check is { } c ? Math.Min(c, ceiling) : null, ceiling);

    /// <summary>
    /// The limit of the checks once the batch is read and held by its transaction (<paramref name="transactionBytes"/>,
    /// what DuckDB reports for its in-memory tables): those rows stay pinned until the commit, so the checks get the
    /// small limit on top of them, twice over for the exact load's copy from its staging table. Exact, where an
    /// estimate from a file's size is not: a Parquet file's dictionary-encoded strings take ten to twenty times its
    /// size once read (a 8.5 MB file of 68,000 records held 169 MB).
    /// </summary>
    public long? CheckAfterRead(long transactionBytes) =>
        Check is { } check ? Math.Min(Ceiling, check + (2 * transactionBytes)) : null;

    /// <summary>
    /// The limits to try again with after DuckDB ran out of memory: first the checks under the read's limit, then
    /// four times the read's, up to the ceiling; null when the batch already had the ceiling.
    /// </summary>
    public BatchMemory? Larger() => this switch
    {
        { Check: not null } => this with { Check = null },
        _ when Read < Ceiling => this with { Read = Read > Ceiling / 4 ? Ceiling : Read * 4 },
        _ => null,
    };
}
