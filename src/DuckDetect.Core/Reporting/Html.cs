using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Reporting;

/// <summary>HTML text for the report: every value is encoded here.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray list => string.Join(", ", list.Select(Text)),
        _ => node.ToJsonString(),
    };

    /// <summary>A table of <paramref name="rows"/> (objects) with the given columns and headers.</summary>
    public static string Table(IEnumerable<JsonNode?> rows, IReadOnlyList<(string Field, string Header)> columns)
    {
        var sb = new StringBuilder("<table><thead><tr>");
        foreach (var (_, header) in columns)
        {
            sb.Append("<th>").Append(Encode(header)).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            sb.Append("<tr>");
            foreach (var (field, _) in columns)
            {
                var cell = row?[field];
                var numeric = cell is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number;
                sb.Append(numeric ? "<td class=\"n\">" : "<td>").Append(Encode(Text(cell))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        if (!any)
        {
            sb.Append("<tr><td colspan=\"").Append(columns.Count).Append("\">(none)</td></tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The note a capped list carries: how many rows it shows of how many, and where the rest are.</summary>
    public static string LeftOut(long shown, long total, string what, string where) =>
        total > shown
            ? $"<p class=\"left-out\">Shown: {shown:N0} of {total:N0} {Encode(what)}; {total - shown:N0} left out ({Encode(where)}).</p>"
            : "";
}
