using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Delivery;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// Delivers to destinations what they have not accepted yet: every enabled one (run), or one by name (alerts
/// --destination, disabled or not). What each is to be sent is read first; then all send side by side, each
/// within its own retry budget, so that a slow or failing one neither stops nor waits for the others.
/// </summary>
[DapperAot]
public static class DestinationDelivery
{
    public static IReadOnlyList<DestinationResult> Deliver(DuckDbSession session, string? only, IStatusSink status,
        Func<DestinationConfig, Redactor, IDestinationSender> senders, CancellationToken cancel = default)
    {
        var connection = session.Connection;
        if (only is null && !connection.ExecuteScalar<bool>(SqlScripts.Get("destinations/due.sql")))
        {
            return [];
        }
        var configs = only is null
            ? DestinationStore.List(connection).Where(c => c.Enabled).ToList()
            : [DestinationStore.Require(connection, only)];
        if (configs.Count == 0)
        {
            return [];
        }
        var works = Read(session, configs).Where(w => w.HasWork).ToList();
        var ledger = new DestinationLedger(session);
        var runs = works.Select(work => Task.Run(() => RunOne(work, ledger, senders, cancel), cancel)).ToList();
        var results = Task.WhenAll(runs).GetAwaiter().GetResult();
        foreach (var result in results)
        {
            Report(result, status);
        }
        return results;
    }

    private static async Task<DestinationResult> RunOne(DestinationWork work, DestinationLedger ledger,
        Func<DestinationConfig, Redactor, IDestinationSender> senders, CancellationToken cancel)
    {
        var redactor = new Redactor();
        IDestinationSender sender;
        try
        {
            sender = senders(work.Config, redactor);
        }
        catch (Exception ex) when (ex is DestinationException or ArgumentException or FormatException or Amazon.Runtime.AmazonClientException)
        {
            var failed = new DestinationResult
            {
                Destination = work.Config.Destination,
                Type = work.Config.Type,
                CursorFrom = work.Cursor,
                CursorTo = work.Cursor,
                Waiting = work.Records.Count,
                Error = redactor.Clean(ex is DestinationException ? ex.Message : $"cannot be set up: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}"),
            };
            ledger.Finish(failed, DateTime.UtcNow);
            return failed;
        }
        using (sender)
        {
            return await new DestinationRun(work, sender, redactor, ledger).RunAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Each destination's records after its cursor and, for those that take triage, its triaged alerts.</summary>
    private static IEnumerable<DestinationWork> Read(DuckDbSession session, IReadOnlyList<DestinationConfig> configs)
    {
        var connection = session.Connection;
        var upto = connection.ExecuteScalar<long?>("SELECT max(change_seq) FROM alert_changes") ?? 0;
        var triageUpto = connection.ExecuteScalar<long?>("SELECT max(triage_seq) FROM alert_triage") ?? 0;
        var states = DestinationStore.States(connection);
        foreach (var config in configs)
        {
            var state = states.FirstOrDefault(s => s.Destination == config.Destination)
                ?? throw new DuckDetectException(FailureKind.DatabaseUnusable, $"destination {config.Destination} has no row in destination_state");
            var records = upto > state.Cursor
                ? Parse(connection.Query<PendingRecord>(AlertQuery.WithAlertJson("delivery/pending.sql", "delivery/after_cursor.sql"),
                    new { cursor = state.Cursor, upto }))
                : [];
            var takesTriage = DestinationType.TakesTriage(config.Type) && triageUpto > state.TriageCursor;
            yield return new DestinationWork
            {
                Config = config,
                Cursor = state.Cursor,
                Upto = Math.Max(upto, state.Cursor),
                TriageCursor = state.TriageCursor,
                TriageUpto = takesTriage ? triageUpto : state.TriageCursor,
                Records = records,
                Triage = takesTriage ? Triaged(session, upto, state.TriageCursor, triageUpto) : [],
            };
        }
    }

    private static List<TriageRecord> Triaged(DuckDbSession session, long upto, long triageCursor, long triageUpto)
    {
        var connection = session.Connection;
        var alerts = Parse(connection.Query<PendingRecord>(AlertQuery.WithAlertJson("delivery/pending.sql", "destinations/triaged.sql"),
            new { upto, triage_cursor = triageCursor, triage_upto = triageUpto }));
        var ids = alerts.Select(a => (string)a.Record["alert_id"]!).ToList();
        var details = connection.Query<TriageRow>(AlertQuery.WithAlertJson("destinations/triage_details.sql"),
            new { alert_ids = ListParameter.Of(ids) }).ToDictionary(t => t.AlertId);
        return alerts.Select(a => details.TryGetValue((string)a.Record["alert_id"]!, out var t)
                ? new TriageRecord(a.Record, t.Status, t.Reason, t.Note, t.TriagedBy)
                : new TriageRecord(a.Record, "open", null, null, null))
            .ToList();
    }

    private static List<(long ChangeSeq, JsonObject Record)> Parse(IEnumerable<PendingRecord> rows) =>
        rows.Select(r => (r.ChangeSeq, JsonNode.Parse(r.Json)!.AsObject())).ToList();

    private static void Report(DestinationResult r, IStatusSink status)
    {
        var what = $"destinations: {r.Destination} ({r.Type}): {r.Sent} record(s) sent in {r.Requests} request(s)"
            + (r.Retries > 0 ? $", {r.Retries} retr{(r.Retries == 1 ? "y" : "ies")}" : "")
            + (r.Skipped > 0 ? $", {r.Skipped} not taken by its filter" : "")
            + $", cursor {r.CursorFrom} -> {r.CursorTo} in {r.Elapsed.TotalSeconds:0.00}s";
        if (r.Failed)
        {
            status.Error($"{what}; failed: {r.Error}; {r.Waiting} record(s) wait for the next run");
        }
        else
        {
            status.Info(what);
        }
    }
}
