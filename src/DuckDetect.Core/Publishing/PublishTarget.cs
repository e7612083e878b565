using DuckDetect.Core.Principals;

namespace DuckDetect.Core.Publishing;

/// <summary>
/// Where the analyst database goes, how much evidence it carries, and the lookback of its principal views
/// (docs/alerts.md).
/// </summary>
public sealed record PublishTarget(string Path, int EvidenceDays, int LookbackMinutes = PrincipalLookback.DefaultMinutes)
{
    public const string EnvironmentVariable = "DUCKDETECT_PUBLISH";

    public const int DefaultEvidenceDays = 7;

    /// <summary>
    /// The analyst database of <paramref name="databasePath"/>: <paramref name="option"/> (--publish), else
    /// $DUCKDETECT_PUBLISH, else beside the database as <c>NAME.alerts.duckdb</c>; null with --no-publish.
    /// </summary>
    public static PublishTarget? Resolve(string databasePath, string? option, bool disabled, int evidenceDays, string? environment,
        int lookbackMinutes = PrincipalLookback.DefaultMinutes)
    {
        if (evidenceDays < 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--evidence-days must be zero or more");
        }
        if (disabled)
        {
            if (option is not null)
            {
                throw new DuckDetectException(FailureKind.InvalidArguments, "--publish and --no-publish exclude each other");
            }
            return null;
        }
        var path = option ?? (environment is { Length: > 0 } env ? env : DefaultPath(databasePath));
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, "--publish needs a file name");
        }
        if (SamePath(path, databasePath))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--publish {path} is the job's database: the analyst database must be another file");
        }
        if (Directory.Exists(path))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--publish {path} is a folder, not a file");
        }
        return new PublishTarget(path, evidenceDays, lookbackMinutes);
    }

    /// <summary><c>dir/NAME.duckdb</c> gives <c>dir/NAME.alerts.duckdb</c>; any other name gets <c>.alerts.duckdb</c> appended.</summary>
    public static string DefaultPath(string databasePath)
    {
        var directory = System.IO.Path.GetDirectoryName(databasePath) ?? "";
        var name = System.IO.Path.GetFileName(databasePath);
        var stem = name.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase) ? name[..^".duckdb".Length] : name;
        return System.IO.Path.Combine(directory, stem + ".alerts.duckdb");
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), StringComparison.Ordinal);
}
