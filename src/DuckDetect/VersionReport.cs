using System.Reflection;
using DuckDB.NET.Native;
using DuckDetect.Core.Storage;

namespace DuckDetect;

/// <summary>What <c>duckdetect --version</c> prints: DuckDetect's version, DuckDB's and the schema version it writes.</summary>
public static class VersionReport
{
    /// <summary>The package version, with the commit it was built from when the build knew it.</summary>
    public static string DuckDetectVersion { get; } = Describe(
        typeof(VersionReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>The version of the DuckDB library that is loaded, as DuckDB reports it (v1.5.6).</summary>
    public static string DuckDbVersion => NativeMethods.Startup.DuckDBLibraryVersion();

    public static string Text() =>
        $"duckdetect {DuckDetectVersion}\nDuckDB {DuckDbVersion}\nschema version {SchemaMigrator.CurrentVersion}\n";

    /// <summary><c>1.0.0+40hex</c> (SourceLink's form) becomes <c>1.0.0 (commit 12hex)</c>.</summary>
    private static string Describe(string informational)
    {
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return informational;
        }
        var commit = informational[(plus + 1)..];
        return $"{informational[..plus]} (commit {commit[..Math.Min(12, commit.Length)]})";
    }
}
