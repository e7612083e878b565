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

    /// <summary>
    /// The query of the batch's records with CloudTrail's field names (record_columns.sql), one read per shape, and
    /// whether it has the <c>accountFallback</c> column (only OCSF records carry one).
    /// </summary>
    public static RawRecords RawQuery(IDbConnection connection, IReadOnlyList<PendingFile> files)
    {
        var parts = new List<string>();
        var accountFallback = false;
        foreach (var group in files.GroupBy(f => (f.Sniff!.Format, f.Sniff.Gzip, f.Sniff.Shape)))
        {
            // Largest first: DuckDB reads one file per thread, in the list's order, so a large file last would keep
            // one thread reading it while the others wait at the batch's end.
            var paths = group.OrderByDescending(f => f.ContentBytes).ThenBy(f => f.ReadPath, StringComparer.Ordinal)
                .Select(f => f.ReadPath).ToList();
            var read = new Dictionary<string, string>
            {
                ["files"] = SqlText.ListLiteral(paths),
                ["compression"] = SqlText.Literal(group.Key.Gzip ? "gzip" : "uncompressed"),
                ["max_object_size"] = MaxObjectSize(group).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["format"] = SqlText.Literal(group.Key.Format switch
                {
                    FileFormat.JsonArray => "array",
                    FileFormat.Ndjson => "newline_delimited",
                    _ => "unstructured",
                }),
            };
            switch (group.Key)
            {
                case { Format: FileFormat.Delivery }:
                    read["record_struct"] = RecordColumns.AsStruct();
                    parts.Add(Fill("ingest/read_delivery.sql", read));
                    break;
                case { Format: FileFormat.Parquet }:
                    var parquet = ParquetQuery(connection, paths);
                    parts.AddRange(parquet.Parts);
                    accountFallback |= parquet.AccountFallback;
                    break;
                case { Format: FileFormat.LookupEvents }:
                    parts.Add(HistoryRecords(Fill("ingest/read_lookup_events.sql", read)));
                    break;
                case { Format: FileFormat.JsonArray or FileFormat.Ndjson or FileFormat.JsonValues, Shape: RecordShape.CloudTrail }:
                    read["record_columns"] = RecordColumns.AsColumnsParameter();
                    parts.Add(Fill("ingest/read_events.sql", read));
                    break;
                case { Format: FileFormat.JsonArray or FileFormat.Ndjson or FileFormat.JsonValues, Shape: RecordShape.EventHistory }:
                    parts.Add(HistoryRecords(Fill("ingest/read_history_events.sql", read)));
                    break;
                case { Format: FileFormat.JsonArray or FileFormat.Ndjson or FileFormat.JsonValues, Shape: RecordShape.Ocsf }:
                    parts.Add(OcsfRecords(Fill("ingest/read_objects.sql", read)));
                    accountFallback = true;
                    break;
                case { Format: FileFormat.JsonArray or FileFormat.Ndjson or FileFormat.JsonValues, Shape: RecordShape.Ecs }:
                    parts.Add(Fill("ingest/ecs_records.sql", new Dictionary<string, string>
                    {
                        ["records"] = Fill("ingest/read_objects.sql", read),
                        ["structure"] = SqlText.Literal(RecordColumns.AsJsonStructure()),
                    }));
                    break;
                default:
                    throw new InvalidOperationException($"A {group.Key.Format} file cannot be read as records.");
            }
        }
        return new RawRecords(string.Join("\nUNION ALL BY NAME\n", parts), accountFallback);
    }

    private static string Fill(string script, IReadOnlyDictionary<string, string> fragments) =>
        SqlText.Fill(SqlScripts.Get(script), fragments);

    private static string HistoryRecords(string events) =>
        Fill("ingest/history_records.sql", new Dictionary<string, string>
        {
            ["events"] = events,
            ["structure"] = SqlText.Literal(RecordColumns.AsJsonStructure()),
        });

    private static string OcsfRecords(string records) =>
        Fill("ingest/ocsf_records.sql", new Dictionary<string, string> { ["records"] = records });

    /// <summary>
    /// The reads of a batch's Parquet files. The footers tell each file's kind: CloudTrail's column names, or OCSF
    /// (a class_uid column, no eventID) read whole as JSON by ocsf_records.sql. A file with neither fails the batch,
    /// which is then split until that file stands alone. One DESCRIBE of the CloudTrail files' union maps their columns.
    /// </summary>
    private static (List<string> Parts, bool AccountFallback) ParquetQuery(IDbConnection connection, IReadOnlyList<string> paths)
    {
        var present = connection.Query<ParquetField>(
                SqlText.Fill(SqlScripts.Get("ingest/parquet_required_fields.sql"), new Dictionary<string, string> { ["files"] = SqlText.ListLiteral(paths) }))
            .ToLookup(r => r.FileName, r => r.Field, StringComparer.Ordinal);
        var cloudTrail = new List<string>();
        var ocsf = new List<string>();
        foreach (var path in paths)
        {
            var fields = present[path].ToHashSet(StringComparer.Ordinal);
            if (fields.Contains("class_uid") && !fields.Contains("eventid"))
            {
                ocsf.Add(path);
                continue;
            }
            var missing = RecordColumns.RequiredInParquet
                .Where(r => !fields.Contains(r.ToLowerInvariant())).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidDataException($"Parquet without CloudTrail's columns: missing {string.Join(", ", missing)}");
            }
            cloudTrail.Add(path);
        }
        var parts = new List<string>();
        if (cloudTrail.Count > 0)
        {
            parts.Add(CloudTrailParquet(connection, SqlText.ListLiteral(cloudTrail)));
        }
        if (ocsf.Count > 0)
        {
            parts.Add(OcsfRecords(Fill("ingest/read_ocsf_parquet.sql", new Dictionary<string, string> { ["files"] = SqlText.ListLiteral(ocsf) })));
        }
        return (parts, ocsf.Count > 0);
    }

    private static string CloudTrailParquet(IDbConnection connection, string files)
    {
        var columns = connection.Query<ParquetColumn>(
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
