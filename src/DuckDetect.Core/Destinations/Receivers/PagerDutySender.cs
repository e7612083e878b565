using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// PagerDuty's Events API v2 (<c>POST /v2/enqueue</c>): one event per alert change (<see cref="PagerDutyEvent"/>);
/// PagerDuty answers 202 with <c>status: success</c>, 400 for an invalid event, 429 when rate-limited.
/// </summary>
public sealed class PagerDutySender(Uri url, string routingKey, TimeSpan timeout) : OneRecordSender
{
    public static readonly Uri DefaultUrl = new("https://events.pagerduty.com/v2/enqueue");

    protected override Task<SendOutcome> SendOneAsync(JsonObject record, CancellationToken cancel) =>
        PostAsync(record, (string?)record["change"] == AlertChange.Retracted ? "resolve" : "trigger", cancel);

    /// <summary>Triggers the sample, then resolves it, so that a test leaves no incident open.</summary>
    public override async Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel)
    {
        var trigger = await PostAsync(sample, "trigger", cancel).ConfigureAwait(false);
        return trigger.Kind != SendOutcomeKind.Accepted ? trigger : await PostAsync(sample, "resolve", cancel).ConfigureAwait(false);
    }

    private Task<SendOutcome> PostAsync(JsonObject alert, string action, CancellationToken cancel)
    {
        var body = PagerDutyEvent.For(alert, routingKey, action).ToJsonString();
        return ReceiverHttp.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") },
            timeout, cancel);
    }
}
