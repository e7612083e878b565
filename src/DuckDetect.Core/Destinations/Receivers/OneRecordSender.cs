using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// The receivers that take one alert change per request and no triage (webhook, Slack, PagerDuty): each says only how
/// it sends one record, and a sample.
/// </summary>
public abstract class OneRecordSender : IDestinationSender
{
    public int BatchSize => 1;

    public bool TakesTriage => false;

    public Task<SendOutcome> SendAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel) => SendOneAsync(records[0], cancel);

    public Task<SendOutcome> SendTriageAsync(IReadOnlyList<TriageRecord> records, CancellationToken cancel) =>
        Task.FromResult(SendOutcome.Accepted());

    public virtual Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel) => SendOneAsync(sample, cancel);

    protected abstract Task<SendOutcome> SendOneAsync(JsonObject record, CancellationToken cancel);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>These receivers hold nothing of their own: the HTTP client is the process's (ReceiverHttp).</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
