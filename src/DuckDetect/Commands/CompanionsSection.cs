using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core;
using DuckDetect.Core.Principals;

namespace DuckDetect.Commands;

/// <summary>
/// Explain's companions for people: per principal of the alert, its view (score, span, rules), then the view's other
/// alerts within the lookback before or after the alert, in time order, with how long before or after they came.
/// </summary>
internal static class CompanionsSection
{
    public static void Write(TextWriter output, JsonArray? principals, int lookbackMinutes)
    {
        output.WriteLine();
        output.WriteLine($"companions: the principal's other alerts within {PrincipalLookback.Describe(lookbackMinutes)} before or after this one, in its principal view");
        if (principals is null || principals.Count == 0)
        {
            output.WriteLine("  (none: the alert names no principal)");
            return;
        }
        foreach (var view in principals.OfType<JsonObject>())
        {
            var shared = (bool?)view["shared"] == true ? $", shared by {JsonSections.Text(view["principals"])} principals" : "";
            output.WriteLine($"  {JsonSections.Text(view["user_arn"])} (account {JsonSections.Text(view["account_id"])}{shared}): " +
                             $"view {JsonSections.Text(view["view_id"])}, score {JsonSections.Text(view["view_score"])} " +
                             $"({JsonSections.Text(view["running_score"])} after this alert); {JsonSections.Text(view["view_alerts"])} alert(s), " +
                             $"{Time(view["view_first_seen"])} to {Time(view["view_active_until"])}: " +
                             string.Join(" -> ", (view["view_rules"]?.AsArray() ?? []).Select(JsonSections.Text)));
            var companions = view["companions"]?.AsArray() ?? [];
            if (companions.Count == 0)
            {
                output.WriteLine("    (no other alert)");
                continue;
            }
            var rows = new JsonArray(companions.OfType<JsonObject>().Select(c => (JsonNode)new JsonObject
            {
                ["when"] = When((double?)c["offset_minutes"] ?? 0),
                ["first_seen"] = Time(c["first_seen"]),
                ["rule"] = c["rule_name"]?.DeepClone(),
                ["risk"] = $"{JsonSections.Text(c["severity"])} {JsonSections.Text(c["risk_score"])}",
                ["triage"] = c["triage_status"]?.DeepClone(),
                ["what_it_counted"] = c["facts"]?.DeepClone(),
                ["alert_id"] = c["alert_id"]?.DeepClone(),
            }).ToArray());
            JsonSections.Columns(output, rows);
        }
    }

    private static string When(double minutes) => minutes switch
    {
        0 => "at the same time",
        < 0 => Duration.Describe(-minutes) + " before",
        _ => Duration.Describe(minutes) + " after",
    };

    private static string Time(JsonNode? node) => JsonSections.Text(node).Replace('T', ' ').TrimEnd('Z');
}
