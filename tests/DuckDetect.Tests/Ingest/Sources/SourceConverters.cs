using Dapper;
using DuckDB.NET.Data;
using DuckDetect.Core.Storage;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest.Sources;

/// <summary>
/// Test helpers, not product code: rewrite raw CloudTrail delivery files as other products store the same events
/// (Amazon Security Lake's OCSF 1.1 Parquet, Elastic's ECS documents), with DuckDB and the SQL beside this file.
/// </summary>
public static class SourceConverters
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "DuckDetect.Tests", "Ingest", "Sources");

    /// <summary>Writes the records of the delivery files matching <paramref name="glob"/> as OCSF 1.1 Parquet under <paramref name="folder"/>.</summary>
    public static void ToOcsfParquet(string glob, string folder)
    {
        Directory.CreateDirectory(folder);
        Run("to_ocsf_parquet.sql", glob, new Dictionary<string, string> { ["folder"] = SqlText.Literal(folder) });
    }

    /// <summary>Writes the records of the delivery files matching <paramref name="glob"/> as ECS NDJSON in <paramref name="file"/>.</summary>
    public static void ToEcsNdjson(string glob, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Run("to_ecs_ndjson.sql", glob, new Dictionary<string, string> { ["file"] = SqlText.Literal(file) });
    }

    private static void Run(string script, string glob, Dictionary<string, string> fragments)
    {
        fragments["events"] = SqlText.Fill(File.ReadAllText(Path.Combine(Folder, "quickstart_events.sql")),
            new Dictionary<string, string> { ["files"] = SqlText.Literal(glob) });
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        connection.Execute("SET TimeZone = 'UTC'");
        connection.Execute(SqlText.Fill(File.ReadAllText(Path.Combine(Folder, script)), fragments));
    }
}
