using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// PagerDuty's Events API v2 as documented: <c>POST /v2/enqueue</c> with routing_key, event_action (trigger,
/// acknowledge, resolve) and dedup_key; a trigger needs payload.summary (at most 1024 characters), payload.source and
/// payload.severity (critical, error, warning, info). Answers 202 with <c>status: success</c> and the dedup_key, or
/// 400 <c>invalid event</c>. Keeps each alert's state by dedup_key, as PagerDuty does.
/// </summary>
public sealed class PagerDutyReceiver : IDisposable
{
    private static readonly string[] Severities = ["critical", "error", "warning", "info"];

    public PagerDutyReceiver(string routingKey) => Server = new LocalReceiver(request =>
    {
        if (request.Path != "/v2/enqueue" || request.Method != "POST")
        {
            return new ReceiverReply(404, "{}");
        }
        var e = JsonNode.Parse(request.Body)!.AsObject();
        var errors = new List<string>();
        if ((string?)e["routing_key"] != routingKey)
        {
            errors.Add("Invalid routing key");
        }
        var action = (string?)e["event_action"];
        if (action is not ("trigger" or "acknowledge" or "resolve"))
        {
            errors.Add("'event_action' is invalid");
        }
        var key = (string?)e["dedup_key"];
        if (action == "trigger")
        {
            var payload = e["payload"];
            if (((string?)payload?["summary"])?.Length is not (> 0 and <= 1024))
            {
                errors.Add("'payload.summary' is missing or too long");
            }
            if ((string?)payload?["source"] is null)
            {
                errors.Add("'payload.source' is missing");
            }
            if (!Severities.Contains((string?)payload?["severity"]))
            {
                errors.Add("'payload.severity' is invalid");
            }
            key ??= Guid.NewGuid().ToString("N");
        }
        else if (key is null)
        {
            errors.Add("'dedup_key' is required for " + action);
        }
        if (errors.Count > 0)
        {
            return new ReceiverReply(400, new JsonObject { ["status"] = "invalid event", ["message"] = "Event object is invalid", ["errors"] = new JsonArray(errors.Select(x => (JsonNode)x).ToArray()) }.ToJsonString());
        }
        Events.Add(e);
        if (action == "trigger" || Alerts.ContainsKey(key!))
        {
            Alerts[key!] = action == "resolve" ? "resolved" : action == "acknowledge" ? "acknowledged" : "triggered";
        }
        return new ReceiverReply(202, new JsonObject { ["status"] = "success", ["message"] = "Event processed", ["dedup_key"] = key }.ToJsonString());
    });

    public LocalReceiver Server { get; }

    public List<JsonObject> Events { get; } = [];

    /// <summary>Each alert's state by its dedup_key: triggered, acknowledged or resolved.</summary>
    public Dictionary<string, string> Alerts { get; } = [];

    public void Dispose() => Server.Dispose();
}
