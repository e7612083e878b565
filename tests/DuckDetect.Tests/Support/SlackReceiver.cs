using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// A Slack incoming webhook as Slack documents it: a JSON POST with <c>text</c> and/or <c>blocks</c> (a header's
/// plain_text at most 150 characters, a section at most 10 fields of at most 2000), answered 200 <c>ok</c> as
/// text/plain, or 400 <c>invalid_payload</c> / <c>no_text</c>.
/// </summary>
public sealed class SlackReceiver : IDisposable
{
    public SlackReceiver(string path) => Server = new LocalReceiver(request =>
    {
        if (request.Path != path)
        {
            return new ReceiverReply(404, "no_service", "text/plain");
        }
        JsonObject message;
        try
        {
            message = JsonNode.Parse(request.Body)!.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            return new ReceiverReply(400, "invalid_payload", "text/plain");
        }
        if (message["text"] is null && message["blocks"] is null)
        {
            return new ReceiverReply(400, "no_text", "text/plain");
        }
        foreach (var block in message["blocks"] as JsonArray ?? [])
        {
            var tooLong = ((string?)block?["type"] == "header" && ((string?)block["text"]?["text"] ?? "").Length > 150)
                || (block?["fields"] is JsonArray fields && (fields.Count > 10 || fields.Any(f => ((string?)f?["text"] ?? "").Length > 2000)));
            if (tooLong)
            {
                return new ReceiverReply(400, "invalid_blocks", "text/plain");
            }
        }
        Messages.Add(message);
        return new ReceiverReply(200, "ok", "text/plain");
    });

    public LocalReceiver Server { get; }

    public List<JsonObject> Messages { get; } = [];

    /// <summary>All text of a message (its blocks' texts and fields), for assertions.</summary>
    public static string Text(JsonObject message) =>
        string.Join('\n', (message["blocks"] as JsonArray ?? []).SelectMany(b => new[] { b?["text"]?["text"] }
            .Concat((b?["fields"] as JsonArray ?? []).Select(f => f?["text"]))
            .Concat((b?["elements"] as JsonArray ?? []).Select(e => e?["text"]))).Select(t => (string?)t).OfType<string>());

    public void Dispose() => Server.Dispose();
}
