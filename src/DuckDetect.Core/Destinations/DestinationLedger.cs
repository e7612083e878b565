using Dapper;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// The database side of deliveries running side by side: each write (a cursor moving, a delivery's end) is its own
/// statement on the one connection, taken in turn, so that a crash leaves every accepted batch recorded and no
/// unaccepted one.
/// </summary>
[DapperAot]
public sealed class DestinationLedger(DuckDbSession session)
{
    private readonly Lock _gate = new();

    public void Advance(string destination, long cursor, int records)
    {
        lock (_gate)
        {
            session.Connection.Execute(SqlScripts.Get("destinations/advance.sql"),
                new { destination, cursor, records = (long)records, now = DateTime.UtcNow });
        }
    }

    public void AdvanceTriage(string destination, long triageCursor, int records)
    {
        lock (_gate)
        {
            session.Connection.Execute(SqlScripts.Get("destinations/advance_triage.sql"),
                new { destination, triage_cursor = triageCursor, records = (long)records, now = DateTime.UtcNow });
        }
    }

    public void Finish(DestinationResult result, DateTime startedAt)
    {
        lock (_gate)
        {
            session.Connection.Execute(SqlScripts.Get("destinations/finish.sql"), new
            {
                destination = result.Destination,
                started_at = startedAt,
                duration_ms = (long)result.Elapsed.TotalMilliseconds,
                cursor_from = result.CursorFrom,
                cursor_to = result.CursorTo,
                records = (long)result.Sent,
                requests = (long)result.Requests,
                retries = (long)result.Retries,
                outcome = result.Outcome,
                error = result.Error,
                now = DateTime.UtcNow,
            });
        }
    }
}
