using DuckDetect.Core.Alerts;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// A PagerDuty Events API v2 event for an alert change: <c>trigger</c> with <c>dedup_key</c> the alert id (an update
/// triggers the same key again, which PagerDuty folds into the open alert), <c>resolve</c> for a retraction; the
/// severity from the rule's (critical, high → error, medium → warning, low → info).
/// </summary>
public static class PagerDutyEvent
{
    public static JsonObject For(JsonObject alert, string routingKey, string action)
    {
        var evt = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = (string?)alert["alert_id"],
        };
        if (action != "trigger")
        {
            return evt;
        }
        var rule = (string?)alert["rule_name"] ?? (string?)alert["rule_id"] ?? "";
        var summary = $"{rule}: {AlertText.Summary(alert)}";
        evt["payload"] = new JsonObject
        {
            ["summary"] = summary.Length <= 1024 ? summary : summary[..1023] + "…",
            ["source"] = (string?)alert["account_id"] is { } account ? $"aws account {account}" : "duckdetect",
            ["severity"] = Severity((string?)alert["severity"]),
            ["timestamp"] = (string?)alert["changed_at"] ?? (string?)alert["updated_at"],
            ["component"] = (string?)alert["model_id"],
            ["group"] = (string?)alert["account_id"],
            ["class"] = rule,
            ["custom_details"] = Details(alert),
        };
        evt["client"] = "DuckDetect";
        return evt;
    }

    public static string Severity(string? severity) => severity?.ToLowerInvariant() switch
    {
        "critical" => "critical",
        "high" => "error",
        "medium" => "warning",
        _ => "info",
    };

    /// <summary>The alert's fields people act on, with its revision and the command that investigates it.</summary>
    private static JsonObject Details(JsonObject alert)
    {
        var details = new JsonObject
        {
            ["alert_id"] = (string?)alert["alert_id"],
            ["revision"] = AlertText.Revision(alert),
            ["change"] = (string?)alert["change"],
            ["principal"] = AlertText.Principal(alert),
            ["explain"] = AlertText.Explain(alert),
        };
        foreach (var field in new[] { "rule_id", "account_id", "model_id", "inference_call_count", "window_start", "window_end",
                     "suppression_end", "suppressed_count", "source_ips", "access_key_ids", "user_agents", "regions", "triage_status" })
        {
            if (alert[field] is { } value)
            {
                details[field] = value.DeepClone();
            }
        }
        return details;
    }
}
