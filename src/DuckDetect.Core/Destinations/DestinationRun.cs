using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// One destination's delivery: its records in batches, each tried until accepted (with retries within the run's
/// budget), the cursor moved after each accepted batch and never before, then its triage changes. A failure stops
/// this destination only; what it did not send waits for the next run.
/// </summary>
public sealed class DestinationRun(DestinationWork work, IDestinationSender sender, Redactor redactor, DestinationLedger ledger)
{
    private readonly RetrySchedule _retries = new(TimeSpan.FromSeconds(work.Config.RetrySeconds));
    private int _requests;

    public async Task<DestinationResult> RunAsync(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var startedAt = DateTime.UtcNow;
        var filter = work.Config.Filter;
        var name = work.Config.Destination;
        var taken = work.Records.Where(r => filter.Accepts(r.Record)).ToList();
        var cursor = work.Cursor;
        var sent = 0;
        string? error = null;
        foreach (var (batch, cursorAfter) in Batches(taken))
        {
            var outcome = await TryAsync(ct => sender.SendAsync(batch, ct), cancel).ConfigureAwait(false);
            if (outcome.Kind != SendOutcomeKind.Accepted)
            {
                error = outcome.Message;
                break;
            }
            TestHold.At("after-destination-send");
            ledger.Advance(name, cursorAfter, batch.Count);
            cursor = cursorAfter;
            sent += batch.Count;
        }
        if (error is null && taken.Count == 0 && work.Upto > work.Cursor)
        {
            ledger.Advance(name, work.Upto, 0);
            cursor = work.Upto;
        }
        if (error is null && work.TriageUpto > work.TriageCursor)
        {
            (sent, error) = await SendTriageAsync(sent, cancel).ConfigureAwait(false);
        }
        var result = new DestinationResult
        {
            Destination = name,
            Type = work.Config.Type,
            CursorFrom = work.Cursor,
            CursorTo = cursor,
            Sent = sent,
            Skipped = work.Records.Count - taken.Count,
            Waiting = taken.Count(r => r.ChangeSeq > cursor),
            Requests = _requests,
            Retries = _retries.Retries,
            Elapsed = clock.Elapsed,
            Error = error is null ? null : redactor.Clean(error),
        };
        if (result.Requests > 0 || result.Failed)
        {
            ledger.Finish(result, startedAt);
        }
        return result;
    }

    /// <summary>The taken records in batches of the receiver's size, each with the cursor that its acceptance allows.</summary>
    private IEnumerable<(List<JsonObject> Batch, long CursorAfter)> Batches(List<(long ChangeSeq, JsonObject Record)> taken)
    {
        for (var i = 0; i < taken.Count; i += sender.BatchSize)
        {
            var batch = taken.Skip(i).Take(sender.BatchSize).ToList();
            var next = i + sender.BatchSize;
            // Accepted, this batch covers every change before the next taken record (the filter passed over the rest).
            yield return (batch.Select(r => r.Record).ToList(), next < taken.Count ? taken[next].ChangeSeq - 1 : work.Upto);
        }
    }

    private async Task<(int Sent, string? Error)> SendTriageAsync(int sent, CancellationToken cancel)
    {
        var triage = work.Triage.Where(t => work.Config.Filter.AcceptsAlert(t.Alert)).ToList();
        for (var i = 0; i < triage.Count; i += sender.BatchSize)
        {
            var batch = triage.Skip(i).Take(sender.BatchSize).ToList();
            var outcome = await TryAsync(ct => sender.SendTriageAsync(batch, ct), cancel).ConfigureAwait(false);
            if (outcome.Kind != SendOutcomeKind.Accepted)
            {
                return (sent, "triage: " + outcome.Message);
            }
            sent += batch.Count;
        }
        ledger.AdvanceTriage(work.Config.Destination, work.TriageUpto, triage.Count);
        return (sent, null);
    }

    /// <summary>Tries until accepted, rejected, or the retry budget is spent; an exception is a rejection with its message.</summary>
    private async Task<SendOutcome> TryAsync(Func<CancellationToken, Task<SendOutcome>> send, CancellationToken cancel)
    {
        while (true)
        {
            _requests++;
            SendOutcome outcome;
            try
            {
                outcome = await send(cancel).ConfigureAwait(false);
            }
            catch (DestinationException ex)
            {
                return SendOutcome.Rejected(ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
            {
                return SendOutcome.Rejected($"unexpected error: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
            if (outcome.Kind != SendOutcomeKind.Transient)
            {
                return outcome;
            }
            var (wait, whyNot) = _retries.Next(outcome.RetryAfter);
            if (wait is not { } delay)
            {
                return SendOutcome.Rejected($"{outcome.Message}; {whyNot}");
            }
            await Task.Delay(delay, cancel).ConfigureAwait(false);
        }
    }
}
