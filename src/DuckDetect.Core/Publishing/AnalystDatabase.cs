using System.Diagnostics;
using System.Globalization;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Principals;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Publishing;

/// <summary>
/// Writes the analyst database: a new DuckDB file in the target's folder, filled from the job's database in one
/// transaction, checkpointed, flushed to disk and renamed over the previous one. A reader that holds the old file
/// keeps its snapshot; new readers open the new one; the job never waits for a reader.
/// When the previous file is as this job last wrote it (size and time, same evidence bound and format), the new
/// file starts as a copy of it and only what changed since is written (<c>publish/sync.sql</c>); otherwise every
/// table is written afresh (<c>publish/tables.sql</c>). Both give the same tables.
/// </summary>
[DapperAot]
public static class AnalystDatabase
{
    /// <summary>The shape of the published tables: a copy of a file of another format is never updated.</summary>
    public const int FormatVersion = 2;

    /// <summary>
    /// What an updatable file must have been written with: this publish format and this schema version (a migration
    /// that adds a column to a published table makes the copy's tables differ from the job's).
    /// </summary>
    private static int TableFormat => (FormatVersion * 1000) + SchemaMigrator.CurrentVersion;

    private const string TempMarker = ".tmp-";

    private static void Detach(DuckDbSession session)
    {
        // The setting below is DuckDB's, for every database of the connection: the job's checkpoint ends first.
        session.AwaitCheckpoint();
        if (session.Vacuum is { } vacuum)
        {
            vacuum.AllowDuring(() => session.Connection.Execute("DETACH published"));
        }
        else
        {
            session.Connection.Execute("DETACH published");
        }
    }

    public static PublishSummary Publish(DuckDbSession session, PublishTarget target, DateTimeOffset now, bool allowUpdate = true)
    {
        var clock = Stopwatch.StartNew();
        // The job's database is only read from here on, until the record: its checkpoint runs alongside.
        session.StartCheckpoint();
        var path = Path.GetFullPath(target.Path);
        var folder = Path.GetDirectoryName(path)!;
        RemoveStaleTemporaries(path);
        var temporary = path + TempMarker + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        DeleteWithWal(temporary);
        var connection = session.Connection;
        // Bounded by the newest alert, not the clock: a backfill of an old archive publishes its latest days.
        var newestAlert = connection.ExecuteScalar<DateTime?>("SELECT max(suppression_end) FROM alerts") ?? now.UtcDateTime;
        var evidenceFrom = newestAlert.AddDays(-target.EvidenceDays);
        var lastRun = connection.ExecuteScalar<long?>("SELECT max(run_id) FROM detect_runs") ?? 0;
        var watermark = StepTrace.Step("publish: last file", () => allowUpdate ? UpdatableFrom(connection, path, target) : null);
        var changes = PublishChanges.All;
        try
        {
            Directory.CreateDirectory(folder);
            if (watermark is not null)
            {
                StepTrace.Step("publish: copy the last file", () => File.Copy(path, temporary, overwrite: true));
            }
            // No write-ahead log for the temporary file: what its transaction commits is written by the checkpoint at
            // detach, and a publish that fails before then throws the file away.
            StepTrace.Step("publish: attach", () => connection.Execute($"ATTACH {SqlText.Literal(temporary)} AS published (RECOVERY_MODE no_wal_writes)"));
            try
            {
                changes = watermark is null
                    ? PublishChanges.All
                    : StepTrace.Step("publish: what changed", () => connection.QuerySingle<PublishChanges>(SqlScripts.Get("publish/sync/changes.sql"),
                        new { evidence_from = evidenceFrom, watermark = watermark.Value, rules_fingerprint = RulesFingerprint(), lookback_minutes = target.LookbackMinutes }));
                StepTrace.Step("publish: sources", () => GatherSources(connection, changes));
                if (changes.PrincipalsChanged)
                {
                    // A principal's views depend on its alerts alone: an update computes those of the principals whose
                    // alerts changed or were triaged since the copy (all of them when the lookback changed).
                    StepTrace.Step("publish: principal views", () => PrincipalViews.BuildForPublish(connection, target.LookbackMinutes,
                        scoped: watermark is not null && !changes.LookbackChanged));
                }
                StepTrace.Step("publish: tables", () => session.InTransaction(tx =>
                {
                    WriteTables(connection, tx, watermark, changes, evidenceFrom, !changes.LookbackChanged);
                    connection.Execute(SqlScripts.Get("publish/info.sql"), new
                    {
                        published_at = now.UtcDateTime,
                        source_database = Path.GetFullPath(session.Path),
                        schema_version = SchemaMigrator.CurrentVersion,
                        evidence_days = target.EvidenceDays,
                        evidence_from = evidenceFrom,
                        publish_mode = watermark is null ? "full" : "update",
                    }, tx);
                    return 0;
                }));
            }
            finally
            {
                // The analyst database's own checkpoint merges its row groups as DuckDB does by default: an update
                // deletes and rewrites rows of it on every publish.
                StepTrace.Step("publish: checkpoint", () => Detach(session));
            }
            StepTrace.Step("publish: flush to disk", () => DurableFile.FlushToDisk(temporary));
            // A write-ahead log beside the old file belongs to a session that opened it read-write; DuckDB would
            // replay it onto the new file, which it was not written for.
            TryDelete(path + ".wal");
            TestHold.At("before-publish-rename");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DuckDBException)
        {
            DeleteWithWal(temporary);
            throw new DuckDetectException(FailureKind.PublishFailed,
                $"analyst database {target.Path} could not be written: {DuckDbSession.FirstLine(ex.Message)}", ex);
        }
        var written = new FileInfo(path);
        StepTrace.Step("publish: record", () => connection.Execute(SqlScripts.Get("publish/record.sql"), new
        {
            path,
            bytes = written.Length,
            modified_ticks = written.LastWriteTimeUtc.Ticks,
            detect_run_id = lastRun,
            evidence_days = target.EvidenceDays,
            format_version = TableFormat,
            published_at = now.UtcDateTime,
        }));
        return new PublishSummary(target.Path, written.Length, clock.Elapsed, watermark is null ? "full" : "update",
            watermark is null ? [] : [.. changes.SyncScripts(), .. changes.TablesToReplace().Select(t => t.Table)]);
    }

    /// <summary>
    /// Every table afresh (<c>publish/tables.sql</c>), or for a copy of the last file (<paramref name="watermark"/>: the
    /// last detect run it holds) the parts that are behind (<c>publish/sync/</c>).
    /// </summary>
    private static void WriteTables(DuckDBConnection connection, System.Data.IDbTransaction tx, long? watermark, PublishChanges changes,
        DateTime evidenceFrom, bool scoped)
    {
        var parameters = new { evidence_from = evidenceFrom, watermark = watermark ?? 0, scoped };
        if (watermark is null)
        {
            connection.Execute(PrincipalViews.WithViews("publish/tables.sql", "principal_view_alerts"), parameters, tx, commandTimeout: 0);
            return;
        }
        foreach (var script in changes.SyncScripts())
        {
            StepTrace.Step($"publish: {script}", () => connection.Execute(SqlScripts.Get($"publish/sync/{script}.sql"), parameters, tx, commandTimeout: 0));
        }
        foreach (var (table, source) in changes.TablesToReplace())
        {
            connection.Execute(SqlText.Fill(SqlScripts.Get("publish/sync/replace.sql"),
                new Dictionary<string, string> { ["table"] = table, ["source"] = source }), transaction: tx);
        }
    }

    /// <summary>
    /// What the analyst database takes that is not a table of the job's, where it is to be written: the ingest days
    /// (<c>publish/sources.sql</c>) and the rules (<c>publish/rule.sql</c>).
    /// </summary>
    private static void GatherSources(DuckDBConnection connection, PublishChanges changes)
    {
        if (changes.FilesChanged)
        {
            connection.Execute(SqlScripts.Get("publish/sources.sql"));
        }
        if (changes.RulesChanged)
        {
            connection.Execute(SqlScripts.Get("publish/rules.sql"));
            foreach (var rule in RuleCatalog.All)
            {
                connection.Execute(SqlScripts.Get("publish/rule.sql"), new
                {
                    definition = SqlScripts.Get(rule.DefinitionFile),
                    query = RuleText.Query(rule, rule.Settings),
                });
            }
        }
    }

    /// <summary>
    /// The SHA-256 of the rules as the published <c>rules</c> table holds them (id, definition, query), which
    /// <c>publish/sync/changes.sql</c> computes alike over the copy: the rules change only with the program.
    /// </summary>
    private static string RulesFingerprint()
    {
        var text = string.Join('\u001e', RuleCatalog.All.OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => r.Id + '\u001f' + SqlScripts.Get(r.DefinitionFile) + '\u001f' + RuleText.Query(r, r.Settings)));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The last detect run in the file at <paramref name="path"/> when it is exactly as this job wrote it (same size
    /// and time, bound and format): the new file can then start as its copy. Null when it must be written afresh.
    /// </summary>
    private static long? UpdatableFrom(DuckDBConnection connection, string path, PublishTarget target)
    {
        var last = connection.QuerySingleOrDefault<PublishedFile>(
            "SELECT bytes AS Bytes, modified_ticks AS ModifiedTicks, detect_run_id AS DetectRunId, evidence_days AS EvidenceDays, " +
            "format_version AS FormatVersion FROM published_files WHERE path = $path", new { path });
        var file = new FileInfo(path);
        return last is not null && file.Exists && file.Length == last.Bytes && file.LastWriteTimeUtc.Ticks == last.ModifiedTicks
               && last.EvidenceDays == target.EvidenceDays && last.FormatVersion == TableFormat
            ? last.DetectRunId
            : null;
    }

    /// <summary>Temporary files a killed publish left behind (their process is gone).</summary>
    private static void RemoveStaleTemporaries(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            return;
        }
        var prefix = Path.GetFileName(path) + TempMarker;
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            var tail = Path.GetFileName(file)[prefix.Length..];
            var pid = tail.EndsWith(".wal", StringComparison.Ordinal) ? tail[..^4] : tail;
            if (int.TryParse(pid, out var id) && !ProcessIsAlive(id))
            {
                TryDelete(file);
            }
        }
    }

    private static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void DeleteWithWal(string file)
    {
        TryDelete(file);
        TryDelete(file + ".wal");
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
