using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Delivery;

/// <summary>
/// Sends a consumer the alert changes after its cursor, at least once: the records are written and flushed first,
/// and only then does the cursor move (in the database). A crash or a failed write in between leaves the cursor
/// where it was, so the next call sends the same records again, each keyed by alert id and version.
/// </summary>
[DapperAot]
public static partial class AlertDelivery
{
    public static DeliverySummary Deliver(DuckDbSession session, string consumer, AlertFormat format, Stream output)
    {
        CheckName(consumer);
        var connection = session.Connection;
        var cursor = connection.ExecuteScalar<long?>(
            "SELECT cursor FROM delivery_consumers WHERE consumer = $consumer", new { consumer }) ?? 0;
        var upto = connection.ExecuteScalar<long?>("SELECT max(change_seq) FROM alert_changes") ?? 0;
        var records = upto > cursor
            ? connection.Query<PendingRecord>(AlertQuery.WithAlertJson("delivery/pending.sql", "delivery/after_cursor.sql"), new { cursor, upto }).AsList()
            : [];
        Write(output, records, format);
        TestHold.At("after-output");
        if (upto > cursor)
        {
            connection.Execute(SqlScripts.Get("delivery/advance.sql"), new
            {
                consumer,
                upto,
                records = (long)records.Count,
                now = DateTime.UtcNow,
            });
        }
        return new DeliverySummary(consumer, cursor, Math.Max(cursor, upto), records.Count);
    }

    /// <summary>Writes the records, flushes them and, where the output is a file, to disk; a failure is <see cref="FailureKind.OutputFailed"/>.</summary>
    private static void Write(Stream output, IReadOnlyList<PendingRecord> records, AlertFormat format)
    {
        try
        {
            using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), 65536, leaveOpen: true);
            AlertWriter.Write(writer, records.Select(r => JsonNode.Parse(r.Json)!.AsObject()).ToList(), format, AlertColumns.Delivery);
            writer.Flush();
            if (output is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                output.Flush();
            }
        }
        catch (IOException ex)
        {
            throw new DuckDetectException(FailureKind.OutputFailed,
                $"the alerts could not be written to stdout ({DuckDbSession.FirstLine(ex.Message)}); the consumer's cursor did not move, so the next call sends them again", ex);
        }
    }

    private static void CheckName(string consumer)
    {
        if (!ConsumerName().IsMatch(consumer))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"--consumer '{consumer}' is not a consumer name: use 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ConsumerName();
}
