using System.Text.RegularExpressions;

namespace DuckDetect.Core.Storage;

/// <summary>
/// Failures of the machine rather than of the input: DuckDB out of memory, a full disk. They are told apart from a
/// bad file by DuckDB's messages, so that no input file is blamed for them, and reported as one line that says what
/// is full and what to do.
/// </summary>
public static partial class StorageFailure
{
    /// <summary>DuckDB could not get memory under its limit (its error type "Out of Memory Error").</summary>
    public static bool IsOutOfMemory(Exception ex) =>
        ex?.Message.StartsWith("Out of Memory Error", StringComparison.Ordinal) == true;

    /// <summary>A write failed for lack of space (ENOSPC, or DuckDB's own check of the space left for its files).</summary>
    public static bool IsDiskFull(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("not enough space", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The one line for a full disk: the file that could not be written (DuckDB names it; else the database), the
    /// space its file system has left, and <paramref name="needed"/>, what the rest of the work needs.
    /// </summary>
    public static DuckDetectException DiskFull(Exception ex, string? databasePath, string? needed = null)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var written = Written(ex);
        var file = written ?? (databasePath is null ? "the database" : Path.GetFullPath(databasePath));
        var space = FreeSpace(written ?? databasePath) is { } drive
            ? $" (its file system {drive.Root} holds {MemorySize.Describe(drive.Total)}, {MemorySize.Describe(drive.Free)} of it free once the failed write was undone)"
            : "";
        var need = needed ?? (databasePath is null ? "it needs more room"
            : $"a checkpoint may need up to the database's size ({MemorySize.Describe(SizeOf(databasePath))})");
        var database = databasePath is null ? "the database" : "database " + Path.GetFullPath(databasePath);
        return new DuckDetectException(FailureKind.DiskFull,
            $"the disk of {database} is full: could not write {file}{space}; {need}. " +
            "Free space or move the database (with its .wal) to a larger disk and run again: what was committed stays, nothing is half-loaded, " +
            "and no input file is at fault", ex);
    }

    private static string? Written(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (WrittenFile().Match(e.Message) is { Success: true } m)
            {
                return m.Groups["path"].Value;
            }
        }
        return null;
    }

    private static long SizeOf(string path) =>
        (File.Exists(path) ? new FileInfo(path).Length : 0) + (File.Exists(path + ".wal") ? new FileInfo(path + ".wal").Length : 0);

    /// <summary>The mount that holds <paramref name="path"/>: the longest mount point it lies under.</summary>
    private static (string Root, long Free, long Total)? FreeSpace(string? path)
    {
        if (path is null)
        {
            return null;
        }
        try
        {
            var full = Path.GetFullPath(path);
            var drive = DriveInfo.GetDrives()
                .Where(d => d.IsReady && full.StartsWith(d.RootDirectory.FullName, StringComparison.Ordinal))
                .MaxBy(d => d.RootDirectory.FullName.Length);
            return drive is null ? null : (drive.RootDirectory.FullName, drive.AvailableFreeSpace, drive.TotalSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex("(?:Could not write file|write to file|open file) \"(?<path>[^\"]+)\"")]
    private static partial Regex WrittenFile();
}
