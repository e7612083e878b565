using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// Elasticsearch: <c>POST {url}/_bulk</c> of the ECS documents (<see cref="ElasticsearchBulk"/>) with
/// <c>Authorization: ApiKey</c>; a triage change indexes the alert's document again with its new workflow status.
/// </summary>
public sealed class ElasticsearchSender(Uri url, string index, string apiKey, TimeSpan timeout) : IDestinationSender
{
    private readonly Uri _bulk = new(url.AbsoluteUri.TrimEnd('/') + "/_bulk");

    public int BatchSize => 500;

    public bool TakesTriage => true;

    public Task<SendOutcome> SendAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel) =>
        PostAsync(ElasticsearchBulk.Body(records, index), cancel);

    public Task<SendOutcome> SendTriageAsync(IReadOnlyList<TriageRecord> records, CancellationToken cancel) =>
        PostAsync(ElasticsearchBulk.Body(records.Select(r => r.Alert), index), cancel);

    /// <summary>Indexes the sample and deletes it in the same request: the index and the key's rights are checked, nothing stays.</summary>
    public Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel) =>
        PostAsync(ElasticsearchBulk.Body([sample], index, [(string)sample["alert_id"]!]), cancel);

    private Task<SendOutcome> PostAsync(string body, CancellationToken cancel) =>
        ReceiverHttp.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _bulk) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
            return request;
        }, timeout, cancel, ElasticsearchBulk.Judge);

    public void Dispose()
    {
    }
}
