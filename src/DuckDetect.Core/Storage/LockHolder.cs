using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Storage;

/// <summary>
/// The process that holds a DuckDB file's lock, as DuckDB's error names it ("Conflicting lock is held in
/// /usr/bin/duckdb (PID 4242) by user ana"), and whether it is duckdetect.
/// </summary>
public sealed partial record LockHolder(string? Program, int? Pid, bool IsDuckDetect)
{
    public static LockHolder From(string duckDbMessage)
    {
        var match = HeldIn().Match(duckDbMessage);
        if (!match.Success)
        {
            return new LockHolder(null, null, IsDuckDetect: false);
        }
        var program = match.Groups["program"].Value.Trim();
        var pid = int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
        return new LockHolder(program, pid, RunsDuckDetect(program, pid));
    }

    /// <summary>The one line a user reads when the database is busy.</summary>
    public string Describe(string path, TimeSpan waited, string? analystDatabase)
    {
        var wait = $"waited {waited.TotalSeconds:0}s; use --wait SECONDS to wait longer";
        if (Pid is null)
        {
            return $"database {path} is in use by another process ({wait})";
        }
        if (IsDuckDetect)
        {
            return $"database {path} is in use by another duckdetect process (PID {Pid}) ({wait})";
        }
        var pointer = analystDatabase is null ? ""
            : $"; to query alerts while detection runs, open the analyst database instead: duckdb -readonly {analystDatabase}";
        return $"database {path} is held by {Program} (PID {Pid}), which is not duckdetect: detection cannot write while another " +
               $"program has the job's database open ({wait}){pointer}";
    }

    /// <summary>duckdetect as the program itself, or as <c>dotnet duckdetect.dll</c>: told by its command line.</summary>
    private static bool RunsDuckDetect(string program, int pid)
    {
        string[] words;
        try
        {
            words = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            words = [program];
        }
        return words.Take(2).Any(w => Path.GetFileName(w) is "duckdetect" or "duckdetect.dll" or "duckdetect.exe");
    }

    [GeneratedRegex(@"held in (?<program>.+?) \(PID (?<pid>\d+)\)")]
    private static partial Regex HeldIn();
}
