using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using DuckDetect.Core.Destinations.SecurityHub;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// AWS Security Hub through the AWS SDK: alert changes as ASFF findings with BatchImportFindings (100 a call, the
/// service's limit), triage changes as workflow updates with BatchUpdateFindings. A finding Security Hub lists in
/// FailedFindings refuses the batch; a throttling reply (429) or a server error is retried.
/// </summary>
public sealed class SecurityHubSender(SecurityHubClient client, string productArn, string accountId, string region, TimeSpan timeout)
    : IDestinationSender
{
    public int BatchSize => 100;

    public bool TakesTriage => true;

    public Task<SendOutcome> SendAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel) => ImportAsync(records, cancel);

    public async Task<SendOutcome> SendTriageAsync(IReadOnlyList<TriageRecord> records, CancellationToken cancel)
    {
        foreach (var group in records.GroupBy(SecurityHubWorkflow.GroupKey))
        {
            var body = SecurityHubWorkflow.Update(group.ToList(), productArn).ToJsonString();
            var outcome = await CallAsync(ct => client.BatchUpdateFindingsAsync(body, ct), JudgeUpdate, cancel).ConfigureAwait(false);
            if (outcome.Kind != SendOutcomeKind.Accepted)
            {
                return outcome;
            }
        }
        return SendOutcome.Accepted();
    }

    /// <summary>Imports the sample as a finding, then archives it, so that a test leaves no active finding.</summary>
    public async Task<SendOutcome> TestAsync(JsonObject sample, CancellationToken cancel)
    {
        var created = await ImportAsync([sample], cancel).ConfigureAwait(false);
        if (created.Kind != SendOutcomeKind.Accepted)
        {
            return created;
        }
        var archived = sample.DeepClone().AsObject();
        archived["change"] = AlertChange.Retracted;
        archived["retraction_reason"] = "destinations test: the sample is archived at once";
        archived["changed_at"] = DateTime.UtcNow.AddSeconds(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        return await ImportAsync([archived], cancel).ConfigureAwait(false);
    }

    private Task<SendOutcome> ImportAsync(IReadOnlyList<JsonObject> records, CancellationToken cancel)
    {
        var body = new JsonObject
        {
            ["Findings"] = new JsonArray(records.Select(r => (JsonNode)AsffFinding.For(r, productArn, accountId, region)).ToArray()),
        }.ToJsonString();
        return CallAsync(ct => client.BatchImportFindingsAsync(body, ct), JudgeImport, cancel);
    }

    private static SendOutcome JudgeImport(JsonObject reply)
    {
        if ((int?)reply["FailedCount"] is not > 0)
        {
            return SendOutcome.Accepted($"{(int?)reply["SuccessCount"] ?? 0} finding(s) imported");
        }
        var first = (reply["FailedFindings"] as JsonArray)?.FirstOrDefault();
        return SendOutcome.Rejected($"Security Hub did not import {reply["FailedCount"]} finding(s), the first ({first?["Id"]}) with {first?["ErrorCode"]}: {first?["ErrorMessage"]}");
    }

    private static SendOutcome JudgeUpdate(JsonObject reply)
    {
        var unprocessed = reply["UnprocessedFindings"] as JsonArray ?? [];
        if (unprocessed.Count == 0)
        {
            return SendOutcome.Accepted($"{(reply["ProcessedFindings"] as JsonArray)?.Count ?? 0} finding(s) updated");
        }
        var first = unprocessed[0];
        return SendOutcome.Rejected($"Security Hub did not update {unprocessed.Count} finding(s), the first ({first?["FindingIdentifier"]?["Id"]}) with {first?["ErrorCode"]}: {first?["ErrorMessage"]}");
    }

    private async Task<SendOutcome> CallAsync(Func<CancellationToken, Task<SecurityHubReply>> call, Func<JsonObject, SendOutcome> judge, CancellationToken cancel)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timer.CancelAfter(timeout);
        try
        {
            return judge((await call(timer.Token).ConfigureAwait(false)).Body);
        }
        catch (SecurityHubError ex) when (ex.StatusCode is HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500 || ex.ErrorCode is "ThrottlingException")
        {
            return SendOutcome.Transient($"Security Hub replied HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}",
                RetryAfter.Parse(ex.RetryAfter, DateTimeOffset.UtcNow));
        }
        catch (SecurityHubError ex)
        {
            return SendOutcome.Rejected($"Security Hub refused the request: HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return SendOutcome.Transient($"no reply within --timeout {timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex.InnerException is HttpRequestException or IOException)
        {
            return SendOutcome.Transient($"the connection failed ({(ex.InnerException ?? ex).GetType().Name})");
        }
        catch (AmazonClientException ex)
        {
            return SendOutcome.Rejected($"the AWS SDK could not call Security Hub: {ex.Message.Split('\n')[0]}");
        }
    }

    public void Dispose() => client.Dispose();
}
