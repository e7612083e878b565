namespace DuckDetect.Core.Ingest;

/// <summary>
/// DuckDB's memory limit for a batch: <paramref name="Read"/> while its files are read (set again by each way of
/// loading it, since a setting outlives a rolled-back try), and <paramref name="Check"/> for the checks against the
/// stored events after the read, in a small load (<see cref="IngestOptions.CheckMemory"/>); null keeps the read's.
/// </summary>
internal sealed record BatchMemory(long Read, long? Check);
