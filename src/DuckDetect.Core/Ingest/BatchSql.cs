using System.Data;
using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>Builds the query that reads one batch of files as raw CloudTrail records (one read per shape).</summary>
public static class BatchSql
{
    /// <summary>DuckDB's default largest JSON value, the least a read is given.</summary>
    private const long MinObjectSize = 16L << 20;

    /// <summary>
    /// The largest JSON value a read of <paramref name="files"/> must accept: its largest file decompressed (a delivery
    /// file is one value). DuckDB sizes its read buffers from it, so it is kept as small as the files allow.
    /// </summary>
    public static long MaxObjectSize(IEnumerable<PendingFile> files) =>
        Math.Max(MinObjectSize, files.Max(f => f.ContentBytes) + (1L << 20));

    public static string RawQuery(IDbConnection connection, IReadOnlyList<PendingFile> files)
    {
        var parts = new List<string>();
        foreach (var group in files.GroupBy(f => (f.Sniff!.Format, f.Sniff.Gzip)))
        {
            var paths = group.Select(f => f.ReadPath).ToList();
            var compression = SqlText.Literal(group.Key.Gzip ? "gzip" : "uncompressed");
            switch (group.Key.Format)
            {
                case FileFormat.Delivery:
                    parts.Add(SqlText.Fill(SqlScripts.Get("ingest/read_delivery.sql"), new Dictionary<string, string>
                    {
                        ["files"] = SqlText.ListLiteral(paths),
                        ["compression"] = compression,
                        ["max_object_size"] = MaxObjectSize(group).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["record_struct"] = RecordColumns.AsStruct(),
                    }));
                    break;
                case FileFormat.JsonArray or FileFormat.Ndjson or FileFormat.JsonValues:
                    parts.Add(SqlText.Fill(SqlScripts.Get("ingest/read_events.sql"), new Dictionary<string, string>
                    {
                        ["files"] = SqlText.ListLiteral(paths),
                        ["format"] = SqlText.Literal(group.Key.Format switch
                        {
                            FileFormat.JsonArray => "array",
                            FileFormat.Ndjson => "newline_delimited",
                            _ => "unstructured",
                        }),
                        ["compression"] = compression,
                        ["max_object_size"] = MaxObjectSize(group).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["record_columns"] = RecordColumns.AsColumnsParameter(),
                    }));
                    break;
                case FileFormat.Parquet:
                    parts.Add(ParquetQuery(connection, paths));
                    break;
                default:
                    throw new InvalidOperationException($"A {group.Key.Format} file cannot be read as records.");
            }
        }
        return string.Join("\nUNION ALL BY NAME\n", parts);
    }

    /// <summary>
    /// One read_parquet over the batch's Parquet files: the footers tell which files lack a required column (the batch
    /// then fails and is split until that file stands alone), one DESCRIBE of their union maps the columns.
    /// </summary>
    private static string ParquetQuery(IDbConnection connection, IReadOnlyList<string> paths)
    {
        var files = SqlText.ListLiteral(paths);
        var present = connection.Query<(string FileName, string Field)>(
                SqlText.Fill(SqlScripts.Get("ingest/parquet_required_fields.sql"), new Dictionary<string, string> { ["files"] = files }))
            .ToLookup(r => r.FileName, r => r.Field, StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var missing = RecordColumns.RequiredInParquet
                .Where(r => !present[path].Contains(r.ToLowerInvariant(), StringComparer.Ordinal)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException($"Parquet without CloudTrail's columns: missing {string.Join(", ", missing)}");
            }
        }
        var columns = connection.Query<(string Name, string Type)>(
                SqlText.Fill(SqlScripts.Get("ingest/describe_parquet.sql"), new Dictionary<string, string> { ["files"] = files }))
            .ToDictionary(c => c.Name, c => c.Type, StringComparer.OrdinalIgnoreCase);
        var projection = RecordColumns.All.Select(c =>
        {
            if (!columns.TryGetValue(c.Name, out var type))
            {
                return $"CAST(NULL AS {c.Type}) AS {c.Name}";
            }
            var column = SqlText.Identifier(columns.Keys.First(k => string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase)));
            if (c.Type != "JSON")
            {
                return $"CAST({column} AS VARCHAR) AS {c.Name}";
            }
            return type.StartsWith("VARCHAR", StringComparison.OrdinalIgnoreCase)
                ? $"CASE WHEN json_valid({column}) THEN CAST({column} AS JSON) END AS {c.Name}"
                : $"to_json({column}) AS {c.Name}";
        });
        return SqlText.Fill(SqlScripts.Get("ingest/read_parquet.sql"), new Dictionary<string, string>
        {
            ["files"] = files,
            ["projection"] = string.Join(", ", projection),
        });
    }
}
