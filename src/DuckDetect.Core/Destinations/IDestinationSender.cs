using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// A receiver's protocol: how many records one request carries, one try at sending a batch of alert-change records
/// (each the delivered record: the alert with change, alert_version, delivery_key, change_seq), and, for receivers
/// that record triage, one try at sending triage changes. Retries, cursors and secrets are the caller's concern.
/// </summary>
public interface IDestinationSender : IDisposable
{
    int BatchSize { get; }

    /// <summary>Whether triage changes are sent (Security Hub's workflow status, Elasticsearch's document).</summary>
    bool TakesTriage { get; }

    Task<SendOutcome> SendAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel);

    Task<SendOutcome> SendTriageAsync(IReadOnlyList<TriageRecord> records, CancellationToken cancel);

    /// <summary>
    /// Sends <paramref name="sample"/> as <c>destinations test</c> does, and takes it back where the receiver keeps
    /// state (PagerDuty resolves it, Security Hub archives it, Elasticsearch deletes it).
    /// </summary>
    Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel);
}
