using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Alerts;

/// <summary>Writes alerts to a text writer (stdout) in one of the <see cref="AlertFormat"/>s.</summary>
public static class AlertWriter
{
    /// <summary>The columns of the people-facing table.</summary>
    private static readonly string[] TableColumns =
        ["window_end", "user_arn", "account_id", "model_id", "inference_call_count", "suppressed_count", "source_ips", "triage_status"];

    /// <summary>The columns whose long values may wrap in a narrow terminal; the others stay on one line.</summary>
    private static readonly HashSet<string> WrappingColumns = ["user_arn", "model_id", "source_ips"];

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(TextWriter output, IReadOnlyList<JsonObject> alerts, AlertFormat format) =>
        Write(output, alerts, format, AlertColumns.Names);

    /// <summary>Writes records whose CSV columns are <paramref name="csvColumns"/> (the table shows the change too, when there is one).</summary>
    public static void Write(TextWriter output, IReadOnlyList<JsonObject> alerts, AlertFormat format, IReadOnlyList<string> csvColumns)
    {
        switch (format)
        {
            case AlertFormat.Json:
                output.WriteLine(new JsonArray(alerts.Select(a => (JsonNode)a.DeepClone()).ToArray()).ToJsonString(Indented));
                break;
            case AlertFormat.Ndjson:
                foreach (var alert in alerts)
                {
                    output.WriteLine(alert.ToJsonString(Compact));
                }
                break;
            case AlertFormat.Csv:
                WriteCsv(output, alerts, csvColumns);
                break;
            case AlertFormat.Ecs:
                foreach (var alert in alerts)
                {
                    output.WriteLine(EcsAlert.Action(alert).ToJsonString(Compact));
                    output.WriteLine(EcsAlert.Document(alert).ToJsonString(Compact));
                }
                break;
            case AlertFormat.Ocsf:
                foreach (var alert in alerts)
                {
                    output.WriteLine(OcsfFinding.From(alert).ToJsonString(Compact));
                }
                break;
            default:
                WriteTable(output, alerts, csvColumns.Contains("change") ? ["change", .. TableColumns] : TableColumns);
                break;
        }
    }

    /// <summary>Records as CSV: a header of <paramref name="columns"/>, then one line per record (lists as JSON in one cell).</summary>
    public static void WriteCsv(TextWriter output, IReadOnlyList<JsonObject> alerts, IReadOnlyList<string> columns)
    {
        output.WriteLine(string.Join(',', columns));
        foreach (var alert in alerts)
        {
            output.WriteLine(string.Join(',', columns.Select(c => CsvField(Text(alert[c])))));
        }
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<JsonObject> alerts, string[] columns)
    {
        if (alerts.Count == 0)
        {
            output.WriteLine("(no alerts)");
            return;
        }
        var rows = alerts.Select(a => columns.Select(c => Text(a[c])).ToArray()).ToList();
        var numbers = columns.Where(c => alerts.All(a => a[c] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)).ToHashSet();
        AlertTable.Write(output, columns, rows, WrappingColumns, numbers);
        output.WriteLine($"({alerts.Count} alert{(alerts.Count == 1 ? "" : "s")})");
    }

    /// <summary>A cell's text: strings as they are, lists and numbers as JSON, null as empty.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(Compact),
    };

    private static string CsvField(string value)
    {
        if (value.IndexOfAny([',', '"', '\n', '\r']) < 0)
        {
            return value;
        }
        return new StringBuilder("\"").Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
