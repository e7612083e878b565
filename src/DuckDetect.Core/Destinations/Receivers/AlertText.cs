using System.Globalization;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>An alert's facts as people read them in a chat message or an incident: who, where, what, how often, when.</summary>
public static class AlertText
{
    /// <summary>The principal, or for an alert of several principals (credential-distributed) how many and from where.</summary>
    public static string Principal(JsonObject alert)
    {
        if ((string?)alert["user_arn"] is { } arn)
        {
            return arn;
        }
        var arns = alert["user_arns"] is JsonArray list ? list.Select(a => (string?)a).OfType<string>().ToList() : [];
        var from = (string?)alert["source_ip"] is { } ip ? $" from {ip}" : "";
        return arns.Count switch
        {
            0 => "(no principal)" + from,
            1 => arns[0] + from,
            _ => $"{arns.Count} principals{from} ({string.Join(", ", arns.Take(3))}{(arns.Count > 3 ? ", …" : "")})",
        };
    }

    public static string Window(JsonObject alert) => $"{alert["window_start"]} to {alert["window_end"]}";

    public static string Calls(JsonObject alert) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long?)alert["inference_call_count"] ?? 0:N0}");

    /// <summary>One line: <c>arn called model 1,234 times in the window ending T</c>.</summary>
    public static string Summary(JsonObject alert) =>
        $"{Principal(alert)} called {alert["model_id"]} {Calls(alert)} times in the window ending {alert["window_end"]} (account {alert["account_id"]})";

    public static string Explain(JsonObject alert) => $"duckdetect explain {alert["alert_id"]}";

    /// <summary>The revision receivers de-duplicate on: the alert's version (one more for each change).</summary>
    public static int Revision(JsonObject alert) => (int?)alert["alert_version"] ?? 1;
}
