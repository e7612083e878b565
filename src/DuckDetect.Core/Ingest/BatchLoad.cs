using System.Data;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The statements of one batch, run inside the caller's transaction, in one of two ways. The direct load reads the
/// files straight into <c>cloudtrail_events</c> in one pass; it holds for the usual batch, in which every record is a
/// new, valid event that occurs once. Anything else (a skipped record, a file that is not CloudTrail, an eventID
/// stored before or seen twice) ends it with <see cref="NotDirectException"/>, and the caller rolls back and runs
/// the exact load, which stages the records to count, check and deduplicate them first.
/// </summary>
internal static class BatchLoad
{
    private const string NotDirect = "duckdetect: batch needs the exact load";

    public static IReadOnlyList<FileOutcome> Direct(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files, BatchMemory memory)
    {
        MemoryLimit.Set(connection, memory.Read, tx);
        var (batch, now, normalized) = Begin(connection, tx, files);
        try
        {
            StepTrace.Step("ingest: direct load (read, normalize, append)", () => connection.Execute(
                SqlText.Fill(SqlScripts.Get("ingest/insert_direct.sql"), new Dictionary<string, string>
                {
                    ["normalized"] = normalized,
                    ["not_direct"] = SqlText.Literal(NotDirect),
                    ["order"] = files.Any(f => f.Sniff?.Format == FileFormat.Parquet) ? "ORDER BY s.event_time" : "",
                }),
                new { batch, now }, tx, commandTimeout: 0));
        }
        catch (DuckDBException ex) when (ex.Message.Contains(NotDirect, StringComparison.Ordinal))
        {
            throw new NotDirectException();
        }
        LimitMemory(connection, tx, memory);
        if (StepTrace.Step("ingest: look for repeated eventIDs", () => connection.ExecuteScalar<bool>(SqlScripts.Get("ingest/direct_duplicates.sql"), new { batch, now }, tx)))
        {
            throw new NotDirectException();
        }
        connection.Execute(SqlScripts.Get("ingest/count_direct.sql"), new { batch, now }, tx);
        return Finish(connection, tx, batch, now);
    }

    public static IReadOnlyList<FileOutcome> Exact(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files, BatchMemory memory)
    {
        MemoryLimit.Set(connection, memory.Read, tx);
        var (batch, now, normalized) = Begin(connection, tx, files);
        StepTrace.Step("ingest: read and normalize (stage)", () => connection.Execute(
            SqlText.Fill(SqlScripts.Get("ingest/stage.sql"), new Dictionary<string, string> { ["normalized"] = normalized }),
            transaction: tx, commandTimeout: 0));
        LimitMemory(connection, tx, memory);
        StepTrace.Step("ingest: reject files that are not CloudTrail", () => connection.Execute(SqlScripts.Get("ingest/reject_not_cloudtrail.sql"), transaction: tx));
        StepTrace.Step("ingest: insert new events", () => connection.Execute(SqlScripts.Get("ingest/insert_events.sql"), new { batch, now }, tx, commandTimeout: 0));
        connection.Execute(SqlScripts.Get("ingest/count_staged.sql"), new { batch, now }, tx);
        return Finish(connection, tx, batch, now);
    }

    /// <summary>
    /// Lowers DuckDB's memory limit once the files are read, in a small load: what stays cached (blocks of stored keys)
    /// is cut to it, on top of the rows the transaction holds (<see cref="BatchMemory.CheckAfterRead"/>).
    /// </summary>
    private static void LimitMemory(IDbConnection connection, IDbTransaction tx, BatchMemory memory)
    {
        if (memory.Check is null)
        {
            return;
        }
        var held = connection.ExecuteScalar<long>(SqlScripts.Get("storage/transaction_memory.sql"), transaction: tx);
        MemoryLimit.Set(connection, memory.CheckAfterRead(held)!.Value, tx);
    }

    /// <summary>
    /// Takes a batch number, lists the batch's files in <c>ingest_files</c>, and plans the read: the batch, the
    /// time its statements share (<c>$batch</c>, <c>$now</c>) and the query of its normalized records.
    /// </summary>
    private static (long Batch, DateTime Now, string Normalized) Begin(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files)
    {
        var batch = ListFiles(connection, tx, files);
        var raw = StepTrace.Step("ingest: plan the reads", () => BatchSql.RawQuery(connection, files));
        var normalized = SqlText.Fill(SqlScripts.Get("ingest/normalize.sql"), new Dictionary<string, string>
        {
            ["raw"] = raw.Sql,
            ["account_fallback"] = raw.HasAccountFallback ? ", nullif(accountFallback, '')" : "",
        });
        return (batch, DateTime.UtcNow, normalized);
    }

    /// <summary>Takes a batch number and lists the batch's files in <c>ingest_files</c>, in load order.</summary>
    internal static long ListFiles(IDbConnection connection, IDbTransaction tx, IReadOnlyList<PendingFile> files)
    {
        var batch = connection.ExecuteScalar<long>("SELECT nextval('ingest_batch_seq')", transaction: tx);
        connection.Execute(SqlScripts.Get("ingest/files_table.sql"), transaction: tx);
        connection.Execute(
            """
            INSERT INTO ingest_files (path, read_path, file_rank, size_bytes, modified_at, fingerprint, format)
            SELECT unnest($paths), unnest($read_paths), unnest($ranks), unnest($sizes), unnest($times),
                   unnest($fingerprints), unnest($formats)
            """,
            new
            {
                paths = ListParameter.Of(files.Select(f => f.Path)),
                read_paths = ListParameter.Of(files.Select(f => f.ReadPath)),
                ranks = ListParameter.Of(Enumerable.Range(0, files.Count)),
                sizes = ListParameter.Of(files.Select(f => f.SizeBytes)),
                times = ListParameter.Of(files.Select(f => f.ModifiedAt.UtcDateTime)),
                fingerprints = ListParameter.Of(files.Select(f => f.Fingerprint ?? "")),
                formats = ListParameter.Of(files.Select(f => f.FormatName)),
            },
            tx);
        return batch;
    }

    /// <summary>
    /// Gives the batch's new source IPs their AS (when AS data is loaded), records each file of the batch in
    /// <c>ingested_files</c> (from <c>ingest_counts</c>) and reads back the outcomes.
    /// </summary>
    private static IReadOnlyList<FileOutcome> Finish(IDbConnection connection, IDbTransaction tx, long batch, DateTime now)
    {
        Enrichment.AsnLookup.MapBatch(connection, tx, batch);
        return RecordFiles(connection, tx, batch, now);
    }

    /// <summary>
    /// Records each file of the batch in <c>ingested_files</c> (from <c>ingest_counts</c>), reads back the outcomes
    /// and drops the batch's temporary tables.
    /// </summary>
    internal static IReadOnlyList<FileOutcome> RecordFiles(IDbConnection connection, IDbTransaction tx, long batch, DateTime now)
    {
        StepTrace.Step("ingest: record files", () => connection.Execute(SqlScripts.Get("ingest/record_files.sql"), new { batch, now }, tx));
        var outcomes = connection.Query<FileOutcome>(SqlScripts.Get("ingest/batch_outcomes.sql"), new { batch }, tx).AsList();
        connection.Execute("DROP TABLE IF EXISTS ingest_stage; DROP TABLE IF EXISTS ingest_invocation_stage; DROP TABLE IF EXISTS ingest_counts; DROP TABLE IF EXISTS ingest_files;", transaction: tx);
        return outcomes;
    }
}

/// <summary>The batch is not the usual case the direct load handles: load it the exact way.</summary>
internal sealed class NotDirectException : Exception
{
    public NotDirectException()
        : base("The batch needs the exact load.")
    {
    }
}
