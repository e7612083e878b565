using System.Data;
using System.Globalization;
using Dapper;

namespace DuckDetect.Core.Storage;

/// <summary>Applies <c>sql/schema/NNN_*.sql</c> in order and refuses files written by a newer schema.</summary>
[DapperAot]
public static class SchemaMigrator
{
    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    private static readonly IReadOnlyList<(int Version, string Name)> Scripts = SqlScripts.List("schema")
        .Select(n => (int.Parse(System.IO.Path.GetFileName(n)[..3], CultureInfo.InvariantCulture), n))
        .ToList();

    public static void Migrate(IDbConnection connection, string path)
    {
        var version = CheckVersion(connection, path);
        foreach (var (v, name) in Scripts.Where(s => s.Version > version))
        {
            using var tx = connection.BeginTransaction();
            connection.Execute(SqlScripts.Get(name), transaction: tx);
            connection.Execute("INSERT INTO duckdetect_schema (version, script) VALUES ($v, $name)", new { v, name }, tx);
            tx.Commit();
        }
    }

    /// <summary>The file's schema version (0 when new); throws when it is newer than this build.</summary>
    public static int CheckVersion(IDbConnection connection, string path)
    {
        var hasTable = connection.ExecuteScalar<long>(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'duckdetect_schema' AND schema_name = 'main'") > 0;
        if (!hasTable)
        {
            var others = connection.ExecuteScalar<long>("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary");
            if (others > 0)
            {
                throw new DuckDetectException(FailureKind.DatabaseUnusable,
                    $"database {path} is a DuckDB file but not a DuckDetect database (it has tables but no duckdetect_schema)");
            }
            return 0;
        }
        var version = connection.ExecuteScalar<int?>("SELECT max(version) FROM duckdetect_schema") ?? 0;
        if (version > CurrentVersion)
        {
            throw new DuckDetectException(FailureKind.DatabaseUnusable,
                $"database {path} has schema version {version}, newer than this duckdetect understands ({CurrentVersion}); upgrade duckdetect");
        }
        return version;
    }
}
