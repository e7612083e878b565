using System.Diagnostics;
using System.Text.Json;
using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Publishing;

/// <summary>
/// Writes the analyst database: a new DuckDB file in the target's folder, filled from the job's database in one
/// transaction, checkpointed, flushed to disk and renamed over the previous one. A reader that holds the old
/// file keeps its snapshot; new readers open the new one; the job never waits for a reader.
/// </summary>
public static class AnalystDatabase
{
    private const string TempMarker = ".tmp-";

    public static PublishSummary Publish(DuckDbSession session, PublishTarget target, DateTimeOffset now)
    {
        var clock = Stopwatch.StartNew();
        var path = Path.GetFullPath(target.Path);
        var folder = Path.GetDirectoryName(path)!;
        RemoveStaleTemporaries(path);
        var temporary = path + TempMarker + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        DeleteWithWal(temporary);
        var connection = session.Connection;
        // Bounded by the newest alert, not the clock: a backfill of an old archive publishes its latest days.
        var newestAlert = connection.ExecuteScalar<DateTime?>("SELECT max(suppression_end) FROM alerts") ?? now.UtcDateTime;
        var evidenceFrom = newestAlert.AddDays(-target.EvidenceDays);
        try
        {
            Directory.CreateDirectory(folder);
            connection.Execute($"ATTACH {SqlText.Literal(temporary)} AS published");
            try
            {
                session.InTransaction(tx =>
                {
                    connection.Execute(SqlScripts.Get("publish/tables.sql"), new { evidence_from = evidenceFrom }, tx, commandTimeout: 0);
                    foreach (var rule in RuleCatalog.All)
                    {
                        connection.Execute(SqlScripts.Get("publish/rule.sql"), new
                        {
                            definition = JsonSerializer.Serialize(rule),
                            query = SqlScripts.Get(rule.Sql),
                        }, tx);
                    }
                    connection.Execute(SqlScripts.Get("publish/info.sql"), new
                    {
                        published_at = now.UtcDateTime,
                        source_database = Path.GetFullPath(session.Path),
                        schema_version = SchemaMigrator.CurrentVersion,
                        evidence_days = target.EvidenceDays,
                        evidence_from = evidenceFrom,
                    }, tx);
                    return 0;
                });
            }
            finally
            {
                StepTrace.Step("publish: checkpoint", () => connection.Execute("DETACH published"));
            }
            StepTrace.Step("publish: flush to disk", () => FlushToDisk(temporary));
            // A write-ahead log beside the old file belongs to a session that opened it read-write; DuckDB would
            // replay it onto the new file, which it was not written for.
            TryDelete(path + ".wal");
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DuckDBException)
        {
            DeleteWithWal(temporary);
            throw new DuckDetectException(FailureKind.PublishFailed,
                $"analyst database {target.Path} could not be written: {DuckDbSession.FirstLine(ex.Message)}", ex);
        }
        return new PublishSummary(target.Path, new FileInfo(path).Length, clock.Elapsed);
    }

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
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
