using System.Diagnostics;
using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Reliability;

/// <summary>
/// A database on a full disk: the quickstart's run with its database on a 12 MB file system (a tmpfs mounted in a
/// mount namespace of its own, so that no root is needed where user namespaces are allowed). The disk is reported in
/// one line with a code of its own; no input file is blamed; moving the database to a larger disk completes the job.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDatabase _db = new();

    [Fact]
    public void Run_DatabaseOnAFullDisk_SaysTheDiskIsFullInOneLineAndBlamesNoInputFile()
    {
        var mount = Path.Combine(_db.Folder, "small-disk");
        var saved = Directory.CreateDirectory(Path.Combine(_db.Folder, "saved")).FullName;
        Directory.CreateDirectory(mount);
        var database = Path.Combine(mount, "q.duckdb");

        var result = OnSmallDisk(mount, saved, "run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", database, "--no-publish");

        Assert.True(result.ExitCode == 72, result.ToString());
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.StartsWith("duckdetect:", StringComparison.Ordinal));
        Assert.Contains($"the disk of database {database} is full", line, StringComparison.Ordinal);
        Assert.Contains("q.duckdb", line, StringComparison.Ordinal);
        Assert.Contains("MB of records", line, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.DoesNotContain("unexpected error", result.Stderr, StringComparison.Ordinal);

        // The database moves to a larger disk; the same run completes the job.
        var moved = Path.Combine(_db.Folder, "q.duckdb");
        foreach (var file in Directory.GetFiles(saved))
        {
            File.Copy(file, Path.Combine(_db.Folder, Path.GetFileName(file)));
        }
        var again = Support.Cli.Run("run", Path.Combine(RepoPaths.Data, "cloudtrail"), "--db", moved, "--no-publish", "-q");
        Assert.True(again.ExitCode == 0, again.ToString());
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={moved};access_mode=READ_ONLY");
        connection.Open();
        Assert.Equal(17000, connection.ExecuteScalar<long>("SELECT count(*) FROM cloudtrail_events"));
        Assert.Equal(134, connection.ExecuteScalar<long>("SELECT count(*) FROM alerts"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM ingested_files WHERE status <> 'loaded'"));
    }

    /// <summary>
    /// Runs duckdetect with a 12 MB tmpfs mounted on <paramref name="mount"/> (in a new mount namespace), then copies
    /// what it left there to <paramref name="saved"/> before the namespace and its tmpfs go away.
    /// </summary>
    private static CliResult OnSmallDisk(string mount, string saved, params string[] args)
    {
        var start = new ProcessStartInfo("unshare")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // $0 is the mount point, $1 the folder to save into, then the program and its arguments.
        foreach (var arg in (string[])["-r", "-m", "sh", "-c",
                     "mount -t tmpfs -o size=12m tmpfs \"$0\" || exit 90; out=\"$1\"; shift; \"$@\"; rc=$?; cp \"$0\"/* \"$out\"/ 2>/dev/null; exit $rc",
                     mount, saved, .. Support.Cli.Command, .. args])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DUCKDETECT_DB");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("duckdetect on a small disk did not finish");
        }
        Assert.True(process.ExitCode != 90, "could not mount a tmpfs in a mount namespace (unshare -r -m): " + stderr.Result);
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => _db.Dispose();
}
