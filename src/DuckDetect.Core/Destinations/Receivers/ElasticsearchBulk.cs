using System.Text;
using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// An Elasticsearch <c>_bulk</c> body of ECS alert documents (<see cref="EcsAlert"/>), each indexed under its alert
/// id so that a resend replaces it, and the judgement of the reply's per-item results.
/// </summary>
public static class ElasticsearchBulk
{
    public static string Body(IEnumerable<JsonObject> alerts, string index, IEnumerable<string>? deleteIds = null)
    {
        var body = new StringBuilder();
        foreach (var alert in alerts)
        {
            body.Append(new JsonObject { ["index"] = new JsonObject { ["_index"] = index, ["_id"] = (string?)alert["alert_id"] } }.ToJsonString()).Append('\n');
            body.Append(EcsAlert.Document(alert).ToJsonString()).Append('\n');
        }
        foreach (var id in deleteIds ?? [])
        {
            body.Append(new JsonObject { ["delete"] = new JsonObject { ["_index"] = index, ["_id"] = id } }.ToJsonString()).Append('\n');
        }
        return body.ToString();
    }

    /// <summary>
    /// A 200 reply: accepted when <c>errors</c> is false; when items failed, worth a retry if each failure is a 429 or
    /// a 5xx (the whole batch is sent again: the ids make that harmless), else rejected with the first item's error.
    /// </summary>
    public static SendOutcome Judge(string reply)
    {
        JsonObject result;
        try
        {
            result = JsonNode.Parse(reply)!.AsObject();
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            return SendOutcome.Rejected("the reply to _bulk is not Elasticsearch's JSON" + ReceiverHttp.Excerpt(reply));
        }
        if (result["errors"]?.GetValue<bool>() != true)
        {
            return SendOutcome.Accepted($"{(result["items"] as JsonArray)?.Count ?? 0} item(s) indexed");
        }
        var failures = (result["items"] as JsonArray ?? [])
            .Select(item => item?.AsObject().FirstOrDefault().Value)
            .Where(item => (int?)item?["status"] is >= 300 && !((int?)item?["status"] == 404 && item?["result"]?.ToString() == "not_found"))
            .ToList();
        if (failures.Count == 0)
        {
            return SendOutcome.Accepted();
        }
        var first = failures[0]!;
        var why = $"{failures.Count} document(s) refused, the first ({first["_id"]}) with {first["status"]} {first["error"]?["type"]}: {first["error"]?["reason"]}";
        return failures.All(f => (int?)f!["status"] is 429 or >= 500) ? SendOutcome.Transient(why) : SendOutcome.Rejected(why);
    }
}
