using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDetect.Core;

namespace DuckDetect.Commands;

/// <summary>Reports for people, from their JSON: a titled section per part, an object as one "name  value" line per
/// fact, a list of objects as aligned columns.</summary>
internal static class JsonSections
{
    /// <summary>
    /// A section: <paramref name="labels"/> names a fact for people where its machine name alone would mislead
    /// (the JSON keeps the machine name).
    /// </summary>
    public static void Section(TextWriter output, string title, JsonNode? node, IReadOnlyDictionary<string, string>? labels = null)
    {
        output.WriteLine();
        output.WriteLine(title);
        switch (node)
        {
            case JsonObject facts when facts.Count > 0:
                string Label(string name) => labels?.GetValueOrDefault(name) ?? name.Replace('_', ' ');
                var width = facts.Max(f => Label(f.Key).Length);
                foreach (var (name, value) in facts)
                {
                    output.WriteLine($"  {Label(name).PadRight(width)}  {Text(value)}");
                }
                break;
            case JsonArray rows when rows.Count > 0:
                Columns(output, rows);
                break;
            default:
                output.WriteLine("  (none)");
                break;
        }
    }

    /// <summary>A list of objects as a table: one header line of the field names, one line per object.</summary>
    public static void Columns(TextWriter output, JsonArray rows)
    {
        var names = rows.OfType<JsonObject>().SelectMany(r => r.Select(f => f.Key)).Distinct().ToList();
        var cells = rows.OfType<JsonObject>().Select(r => names.Select(n => Text(r[n])).ToList()).ToList();
        var widths = names.Select((n, i) => Math.Max(n.Length, cells.Select(c => c[i].Length).DefaultIfEmpty(0).Max())).ToList();
        output.WriteLine("  " + string.Join("  ", names.Select((n, i) => n.Replace('_', ' ').PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells)
        {
            output.WriteLine("  " + string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>The report as indented JSON, non-ASCII and markup characters kept as they are.</summary>
    public static void WriteJson(TextWriter output, JsonNode report) =>
        output.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    /// <summary>Whether --format asks for JSON (true) or a table (false); anything else is invalid.</summary>
    public static bool IsJson(string format) => format.ToLowerInvariant() switch
    {
        "json" => true,
        "table" => false,
        _ => throw new DuckDetectException(FailureKind.InvalidArguments, $"unknown --format '{format}'; use table or json"),
    };

    public static string Text(JsonNode? node) => node switch
    {
        null => "-",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
