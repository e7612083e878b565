using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>Slack's incoming webhook: one message per alert change (<see cref="SlackMessage"/>); Slack answers 200 <c>ok</c>.</summary>
public sealed class SlackSender(Uri url, TimeSpan timeout) : IDestinationSender
{
    public int BatchSize => 1;

    public bool TakesTriage => false;

    public Task<SendOutcome> SendAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel) => PostAsync(records[0], cancel);

    public Task<SendOutcome> SendTriageAsync(IReadOnlyList<TriageRecord> records, CancellationToken cancel) =>
        Task.FromResult(SendOutcome.Accepted());

    public Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel) => PostAsync(sample, cancel);

    private Task<SendOutcome> PostAsync(JsonObject alert, CancellationToken cancel)
    {
        var body = SlackMessage.For(alert).ToJsonString();
        return ReceiverHttp.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            timeout, cancel);
    }

    public void Dispose()
    {
    }
}
