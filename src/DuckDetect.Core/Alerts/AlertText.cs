using System.Globalization;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Alerts;

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

    /// <summary>How many calls (a threshold rule) or events (an event rule) the alert's opening window counted.</summary>
    public static string Calls(JsonObject alert) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long?)alert["inference_call_count"] ?? (long?)alert["event_count"] ?? 0:N0}");

    /// <summary>
    /// One line: <c>arn called model 1,234 times in the window ending T</c> for a count of inference calls; for an
    /// event rule's alert, what the principal did: <c>arn: DeleteGuardrail (1 event) in the window ending T</c>.
    /// </summary>
    public static string Summary(JsonObject alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert["inference_call_count"] is not null)
        {
            return $"{Principal(alert)} called {alert["model_id"]} {Calls(alert)} times in the window ending {alert["window_end"]} (account {alert["account_id"]})";
        }
        var actions = alert["event_actions"] is JsonArray list ? string.Join(", ", list.Select(a => (string?)a)) : "";
        var events = (long?)alert["event_count"] ?? 0;
        var models = alert["model_ids"] is JsonArray { Count: > 0 } m ? $" on {m.Count} model(s)" : "";
        var key = (string?)alert["access_key_id"] is { } k ? $" with key {k}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Principal(alert)}{key}: {actions} ({events:N0} event{(events == 1 ? "" : "s")}{models}) in the window ending {alert["window_end"]} (account {alert["account_id"]})");
    }

    public static string Explain(JsonObject alert) => $"duckdetect explain {alert["alert_id"]}";

    /// <summary>The revision receivers de-duplicate on: the alert's version (one more for each change).</summary>
    public static int Revision(JsonObject alert) => (int?)alert["alert_version"] ?? 1;
}
