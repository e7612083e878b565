using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>Slack's incoming webhook: one message per alert change (<see cref="SlackMessage"/>); Slack answers 200 <c>ok</c>.</summary>
public sealed class SlackSender(Uri url, TimeSpan timeout) : OneRecordSender
{
    protected override Task<SendOutcome> SendOneAsync(JsonObject alert, CancellationToken cancel)
    {
        var body = SlackMessage.For(alert).ToJsonString();
        return ReceiverHttp.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            timeout, cancel);
    }
}
