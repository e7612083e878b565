using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// A webhook: one POST per alert change, the body the delivered record (the documented alert JSON with change,
/// alert_version, delivery_key, change_seq), signed in X-DuckDetect-Signature; X-DuckDetect-Delivery carries the
/// delivery key, X-DuckDetect-Event the change. Any 2xx accepts it.
/// </summary>
public sealed class WebhookSender(Uri url, string signingKey, TimeSpan timeout) : OneRecordSender
{
    protected override Task<SendOutcome> SendOneAsync(JsonObject record, CancellationToken cancel)
    {
        var body = record.ToJsonString();
        return ReceiverHttp.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            // Signed at each try, so that a retry carries a fresh timestamp.
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(signingKey, DateTimeOffset.UtcNow, body));
            request.Headers.Add("X-DuckDetect-Delivery", (string?)record["delivery_key"] ?? "");
            request.Headers.Add("X-DuckDetect-Event", (string?)record["change"] ?? "");
            return request;
        }, timeout, cancel);
    }
}
