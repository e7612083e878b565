using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Alerts;

/// <summary>Writes alerts to a text writer (stdout) in one of the <see cref="AlertFormat"/>s.</summary>
public static class AlertWriter
{
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
                WriteTables(output, alerts, csvColumns.Contains("change"));
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

    /// <summary>One table per rule, headed by its name (AlertTableLayout), then the total.</summary>
    private static void WriteTables(TextWriter output, IReadOnlyList<JsonObject> alerts, bool withChange)
    {
        if (alerts.Count == 0)
        {
            output.WriteLine("(no alerts)");
            return;
        }
        var first = true;
        foreach (var (heading, ruleAlerts) in AlertTableLayout.ByRule(alerts))
        {
            if (!first)
            {
                output.WriteLine();
            }
            first = false;
            output.WriteLine(heading);
            var columns = AlertTableLayout.Columns(ruleAlerts, withChange);
            var rows = ruleAlerts.Select(a => columns.Select(c => AlertTableLayout.Cell(a, c)).ToArray()).ToList();
            var numbers = columns.Where(c => AlertTableLayout.IsNumber(ruleAlerts, c)).ToHashSet();
            AlertTable.Write(output, columns, rows, AlertTableLayout.Wrapping, numbers);
        }
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
