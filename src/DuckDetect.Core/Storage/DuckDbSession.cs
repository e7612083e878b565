using System.Data;
using System.Diagnostics;
using Dapper;
using DuckDB.NET.Data;

namespace DuckDetect.Core.Storage;

/// <summary>An open DuckDetect database: one DuckDB file, migrated to the current schema, clock in UTC.</summary>
[DapperAot]
public sealed class DuckDbSession : IDisposable
{
    private DuckDbSession(DuckDBConnection connection, string path, VacuumSchedule? vacuum = null)
    {
        Connection = connection;
        Path = path;
        Vacuum = vacuum;
        // What DuckDB was opened with: the user's bound (DUCKDETECT_MEMORY_LIMIT, --memory-limit), else its default
        // of 80% of the machine's memory. Every limit DuckDetect sets for a stretch of work stays at or under it.
        MemoryCeiling = MemorySize.TryParse(connection.ExecuteScalar<string>("SELECT current_setting('memory_limit')")) ?? long.MaxValue;
    }

    /// <summary>The checkpoint started by <see cref="StartCheckpoint"/>, until it is awaited.</summary>
    private Task? _checkpoint;

    public DuckDBConnection Connection { get; }

    /// <summary>When this writing session's checkpoints may merge row groups; null for a read-only session.</summary>
    public VacuumSchedule? Vacuum { get; }

    public string Path { get; }

    /// <summary>DuckDB's memory limit as opened: the most any stretch of work may be given.</summary>
    public long MemoryCeiling { get; }

    /// <summary>
    /// Opens (creating if needed) and migrates the database. Another process holding the file is retried
    /// until <paramref name="wait"/> has passed, then reported as <see cref="FailureKind.DatabaseBusy"/>, naming
    /// the holder; when that is not duckdetect, the message points to <paramref name="analystDatabase"/>.
    /// </summary>
    public static DuckDbSession Open(string path, TimeSpan wait = default, bool readOnly = false, string? analystDatabase = null, string? memoryLimit = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return OpenOnce(path, readOnly, memoryLimit);
            }
            catch (DuckDBException ex) when (IsLockConflict(ex))
            {
                if (clock.Elapsed >= wait)
                {
                    throw new DuckDetectException(FailureKind.DatabaseBusy, LockHolder.From(ex.Message).Describe(path, wait, analystDatabase), ex);
                }
                Thread.Sleep(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    /// <summary>Opens an analyst database (no DuckDetect schema of its own) read-only.</summary>
    public static DuckDbSession OpenAnalystDatabase(string path, string? memoryLimit = null)
    {
        var builder = Builder(path, memoryLimit);
        builder["access_mode"] = "READ_ONLY";
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            connection.Execute("SET TimeZone = 'UTC'");
            return new DuckDbSession(connection, path);
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            throw new DuckDetectException(FailureKind.DatabaseUnusable, $"analyst database {path} cannot be opened: {FirstLine(ex.Message)}", ex);
        }
    }

    /// <summary>The environment variable that caps DuckDB's worker threads (DuckDB's default: one per core).</summary>
    public const string ThreadsVariable = "DUCKDETECT_THREADS";

    /// <summary>The environment variable that bounds DuckDB's memory (DuckDB's default: 80% of the machine's).</summary>
    public const string MemoryVariable = "DUCKDETECT_MEMORY_LIMIT";

    /// <summary>
    /// A connection to <paramref name="path"/>, with the thread cap of <see cref="ThreadsVariable"/> and the memory bound
    /// <paramref name="memoryLimit"/> (else <see cref="MemoryVariable"/>) when set.
    /// </summary>
    private static DuckDBConnectionStringBuilder Builder(string path, string? memoryLimit = null)
    {
        var builder = new DuckDBConnectionStringBuilder { DataSource = path };
        var (limitText, limitSource) = memoryLimit is not null
            ? (memoryLimit, "--memory-limit")
            : (Environment.GetEnvironmentVariable(MemoryVariable), MemoryVariable);
        if (limitText is { Length: > 0 })
        {
            builder["memory_limit"] = MemoryBound(limitText, limitSource).ToString(System.Globalization.CultureInfo.InvariantCulture) + "B";
        }
        if (Environment.GetEnvironmentVariable(ThreadsVariable) is { Length: > 0 } text)
        {
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var threads) || threads < 1)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments,
                    $"{ThreadsVariable} must be a whole number of threads, 1 or more (it is '{text}')");
            }
            builder["threads"] = threads;
        }
        return builder;
    }

    /// <summary>The bytes of a memory bound given as <paramref name="source"/>; at least 64 MB, the least DuckDetect works in.</summary>
    private static long MemoryBound(string text, string source) =>
        MemorySize.TryParse(text) is { } bytes && bytes >= MinimumMemory
            ? bytes
            : throw new DuckDetectException(FailureKind.InvalidArguments,
                $"{source} must be a size of at least 64MB, such as 4GB, 1.5GiB or 800MB (it is '{text}')");

    /// <summary>The least memory bound accepted: DuckDB's checks of a small scheduled load take 48 MB.</summary>
    private const long MinimumMemory = 64_000_000;

    private static DuckDbSession OpenOnce(string path, bool readOnly, string? memoryLimit)
    {
        if (Directory.Exists(path))
        {
            throw new DuckDetectException(FailureKind.DatabaseUnusable, $"database {path} is a folder, not a file");
        }
        var builder = Builder(path, memoryLimit);
        if (readOnly)
        {
            builder["access_mode"] = "READ_ONLY";
        }
        var connection = new DuckDBConnection(builder.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (DuckDBException ex) when (!IsLockConflict(ex))
        {
            connection.Dispose();
            throw new DuckDetectException(FailureKind.DatabaseUnusable, $"database {path} cannot be opened: {FirstLine(ex.Message)}", ex);
        }
        try
        {
            connection.Execute("SET TimeZone = 'UTC'");
            if (readOnly)
            {
                SchemaMigrator.CheckVersion(connection, path);
                return new DuckDbSession(connection, path);
            }
            SchemaMigrator.Migrate(connection, path);
            return new DuckDbSession(connection, path, VacuumSchedule.Defer(connection));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static bool IsLockConflict(DuckDBException ex) =>
        ex.Message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase);

    internal static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "…" : line;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it lands, or none.</summary>
    public T InTransaction<T>(Func<IDbTransaction, T> work)
    {
        using var tx = Connection.BeginTransaction();
        var result = work(tx);
        StepTrace.Step("commit", tx.Commit);
        return result;
    }

    /// <summary>
    /// Starts the checkpoint this session's close would make (after the close's merge, <see cref="VacuumSchedule"/>),
    /// on a second connection: work that only reads this database, a publish, then runs alongside it instead of
    /// before it. DuckDB lets readers run during a checkpoint and takes a checkpoint while transactions only read.
    /// Whatever commits to this database afterwards is left to the close. Call <see cref="AwaitCheckpoint"/> before
    /// writing to this database or changing a setting the checkpoint reads.
    /// </summary>
    public void StartCheckpoint()
    {
        if (Vacuum is null || _checkpoint is not null)
        {
            return;
        }
        Vacuum.BeforeClose();
        // DuckDB.NET shares one database between the connections of a process to the same file.
        var second = new DuckDBConnection(Connection.ConnectionString);
        second.Open();
        _checkpoint = Task.Run(() =>
        {
            using (second)
            {
                StepTrace.Step("checkpoint (alongside)", () => second.Execute("CHECKPOINT"));
            }
        });
    }

    /// <summary>
    /// Waits for the checkpoint <see cref="StartCheckpoint"/> started. One that could not run (a transaction writing
    /// to this database) is left to the close, which checkpoints what is still in the write-ahead log.
    /// </summary>
    public void AwaitCheckpoint()
    {
        var running = _checkpoint;
        _checkpoint = null;
        if (running is null)
        {
            return;
        }
        try
        {
            StepTrace.Step("checkpoint: wait", () => running.GetAwaiter().GetResult());
        }
        catch (DuckDBException ex)
        {
            StepTrace.Note($"checkpoint (alongside) left to the close: {FirstLine(ex.Message)}");
        }
    }

    public void Dispose()
    {
        AwaitCheckpoint();
        try
        {
            Vacuum?.BeforeClose();
        }
        catch (DuckDBException)
        {
            // A connection a failed statement left unusable: its close checkpoints what it can, without the merge.
        }
        try
        {
            StepTrace.Step("close (DuckDB checkpoints)", Connection.Dispose);
        }
        catch (DuckDBException ex) when (StorageFailure.IsDiskFull(ex))
        {
            // The close's checkpoint found no room: the write-ahead log keeps every commit and the next open replays
            // it; the failure that brought the close (a full disk) is what gets reported.
            StepTrace.Note($"close: checkpoint left to the next open: {FirstLine(ex.Message)}");
        }
    }
}
