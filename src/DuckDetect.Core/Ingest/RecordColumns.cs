using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Ingest;

/// <summary>The CloudTrail fields ingest reads, from <c>sql/ingest/record_columns.sql</c>.</summary>
public static class RecordColumns
{
    public static readonly IReadOnlyList<(string Name, string Type)> All = SqlScripts.Get("ingest/record_columns.sql")
        .Split('\n')
        .Select(l => l.Trim().TrimEnd(','))
        .Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal))
        .Select(l => l.Split(' ', 2))
        .Select(p => (p[0], p[1]))
        .ToList();

    /// <summary>The fields without which a Parquet file is not usable.</summary>
    public static readonly IReadOnlyList<string> RequiredInParquet = ["eventID", "eventTime", "eventSource", "eventName"];

    /// <summary><c>name TYPE, ...</c> for a STRUCT type.</summary>
    public static string AsStruct() => string.Join(", ", All.Select(c => $"{c.Name} {c.Type}"));

    /// <summary><c>{"name": "TYPE", ...}</c>, the structure from_json parses an embedded record into.</summary>
    public static string AsJsonStructure() =>
        new System.Text.Json.Nodes.JsonObject(All.Select(c => KeyValuePair.Create(c.Name, (System.Text.Json.Nodes.JsonNode?)c.Type)))
            .ToJsonString();

    /// <summary><c>name: 'TYPE', ...</c> for read_json's columns parameter.</summary>
    public static string AsColumnsParameter() => string.Join(", ", All.Select(c => $"{c.Name}: '{c.Type}'"));
}
