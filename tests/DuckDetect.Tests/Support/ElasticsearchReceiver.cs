using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// Elasticsearch's <c>_bulk</c> API as documented: NDJSON of action lines (index, create, delete) each followed by
/// its document where it takes one, ending in a newline; <c>Authorization: ApiKey</c> checked (401
/// security_exception otherwise). Documents are kept per index and id with their version; the reply lists an item
/// per action with its status (201 created, 200 updated, 404 not_found) and <c>errors</c>.
/// </summary>
public sealed class ElasticsearchReceiver : IDisposable
{
    public ElasticsearchReceiver(string apiKey) => Server = new LocalReceiver(request =>
    {
        if (request.Header("Authorization") != "ApiKey " + apiKey)
        {
            return new ReceiverReply(401, "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate with provided credentials\"},\"status\":401}");
        }
        if (request.Method != "POST" || !request.Path.EndsWith("/_bulk", StringComparison.Ordinal))
        {
            return new ReceiverReply(405, "{}");
        }
        if (!request.Body.EndsWith('\n'))
        {
            return new ReceiverReply(400, "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"The bulk request must be terminated by a newline [\\\\n]\"},\"status\":400}");
        }
        var lines = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        for (var i = 0; i < lines.Length; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject().First();
            var index = (string)action.Value!["_index"]!;
            var id = (string)action.Value!["_id"]!;
            var key = (index, id);
            int status;
            string result;
            if (action.Key == "delete")
            {
                (status, result) = Documents.Remove(key) ? (200, "deleted") : (404, "not_found");
            }
            else
            {
                var doc = JsonNode.Parse(lines[++i])!.AsObject();
                var existed = Documents.ContainsKey(key);
                Versions[key] = Versions.GetValueOrDefault(key) + 1;
                Documents[key] = doc;
                (status, result) = existed ? (200, "updated") : (201, "created");
            }
            items.Add(new JsonObject { [action.Key] = new JsonObject { ["_index"] = index, ["_id"] = id, ["_version"] = Versions.GetValueOrDefault(key), ["result"] = result, ["status"] = status } });
        }
        return new ReceiverReply(200, new JsonObject { ["took"] = 1, ["errors"] = false, ["items"] = items }.ToJsonString());
    });

    public LocalReceiver Server { get; }

    public Dictionary<(string Index, string Id), JsonObject> Documents { get; } = [];

    public Dictionary<(string Index, string Id), int> Versions { get; } = [];

    public void Dispose() => Server.Dispose();
}
