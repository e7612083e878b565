using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Alerts;

/// <summary>
/// How a person's table of alerts is laid out: one table per rule, headed by the rule's name, with the columns
/// that rule's alerts fill (a multi-principal alert shows its source IP and how many principals instead of an empty
/// user_arn; the low-and-slow and baseline rules their own measures), and list cells cut to a few values and a
/// count. The full lists stay in the machine formats and the tables.
/// </summary>
public static class AlertTableLayout
{
    /// <summary>The values a list cell shows before "(+N more)".</summary>
    public const int ListValuesShown = 3;

    /// <summary>The columns a table may have, in this order; those no alert of the rule fills are left out.</summary>
    private static readonly string[] Candidates =
    [
        "window_end", "user_arn", "source_ip", "principals", "account_id", "model_id", "inference_call_count",
        "max_principal_calls", "active_hours", "max_hour_calls", "baseline_calls_per_hour", "baseline_ratio",
        "suppressed_count", "source_ips", "source_as_orgs", "triage_status",
    ];

    /// <summary>The columns of an event rule's table (match, new terms, sequence): what the principal did, and how often.</summary>
    private static readonly string[] EventCandidates =
    [
        "window_end", "user_arn", "access_key_id", "account_id", "event_actions", "event_count", "model_ids", "new_terms",
        "regions", "suppressed_count", "source_ips", "source_as_orgs", "triage_status",
    ];

    /// <summary>Shown even when empty: where an alert is and what became of it.</summary>
    private static readonly HashSet<string> Always = ["window_end", "account_id", "model_id", "triage_status", "event_actions", "event_count"];

    /// <summary>The columns whose long values may wrap in a narrow terminal; the others stay on one line.</summary>
    public static readonly IReadOnlySet<string> Wrapping = new HashSet<string> { "user_arn", "model_id", "source_ips", "source_as_orgs", "model_ids", "new_terms", "event_actions" };

    /// <summary>The alerts grouped by rule, in the catalogue's order (a rule this build no longer has comes last).</summary>
    public static IEnumerable<(string Heading, IReadOnlyList<JsonObject> Alerts)> ByRule(IReadOnlyList<JsonObject> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return alerts
            .GroupBy(a => Text(a["rule_id"]), StringComparer.Ordinal)
            .OrderBy(g => RuleCatalog.All.ToList().FindIndex(r => r.Id == g.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Heading(g.ToList()), (IReadOnlyList<JsonObject>)g.ToList()));
    }

    /// <summary>The columns of one rule's table (with the change first, for a consumer's records).</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<JsonObject> alerts, bool withChange)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var events = alerts.All(a => a["inference_call_count"] is null && a["event_count"] is not null);
        var columns = (events ? EventCandidates : Candidates).Where(c => Always.Contains(c) || alerts.Any(a => Cell(a, c).Length > 0)).ToList();
        if (columns.Contains("source_ip"))
        {
            // A rule that groups by source IP has that one IP in every alert's source_ips.
            columns.Remove("source_ips");
        }
        return withChange ? ["change", .. columns] : columns;
    }

    /// <summary>A cell's text: strings as they are, numbers as JSON, lists cut to a few values, null as empty.</summary>
    public static string Cell(JsonObject alert, string column)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (column == "principals")
        {
            return alert["user_arns"] is JsonArray { Count: > 0 } principals ? principals.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        }
        return alert[column] switch
        {
            JsonArray list => Brief(list),
            var node => Text(node),
        };
    }

    /// <summary>Whether every alert's value of the column is a number (right-aligned).</summary>
    public static bool IsNumber(IReadOnlyList<JsonObject> alerts, string column) =>
        column == "principals" || alerts.All(a => a[column] is JsonValue v && v.GetValueKind() == JsonValueKind.Number);

    /// <summary>"a, b, c (+N more)".</summary>
    private static string Brief(JsonArray list)
    {
        var shown = string.Join(", ", list.Take(ListValuesShown).Select(Text));
        return list.Count > ListValuesShown ? $"{shown} (+{list.Count - ListValuesShown} more)" : shown;
    }

    private static string Heading(IReadOnlyList<JsonObject> alerts)
    {
        var first = alerts[0];
        var name = Text(first["rule_name"]) is { Length: > 0 } n ? n : Text(first["rule_id"]);
        return $"{name} ({Text(first["severity"])}): {alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}";
    }

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
