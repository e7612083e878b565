using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Destinations;

namespace DuckDetect.Commands;

/// <summary><c>destinations list</c>: a table for people, JSON for machines; the current ones with their state, or every version.</summary>
internal static class DestinationOutput
{
    public static void Write(TextWriter output, IReadOnlyList<DestinationConfig> configs, IReadOnlyList<DestinationState> states,
        DateTimeOffset now, bool json, bool history)
    {
        var rows = configs.Select(c => Row(c, states.FirstOrDefault(s => s.Destination == c.Destination), now, history)).ToList();
        if (json)
        {
            JsonSections.WriteJson(output, new JsonArray(rows.Select(r => (JsonNode)r).ToArray()));
            return;
        }
        if (rows.Count == 0)
        {
            output.WriteLine("(no destinations)");
            return;
        }
        var columns = history
            ? new[] { "destination", "version", "action", "type", "target", "sends", "enabled", "changed_at", "changed_by", "reason" }
            : ["destination", "type", "target", "sends", "enabled", "pending_changes", "lag_minutes", "last_success_at", "last_error"];
        var cells = rows.Select(r => columns.Select(c => JsonSections.Text(r[c]) is "-" ? "" : JsonSections.Text(r[c])).ToArray()).ToList();
        AlertTable.Write(output, columns, cells, new HashSet<string> { "target", "sends", "last_error", "reason" },
            new HashSet<string> { "version", "pending_changes", "lag_minutes" });
    }

    private static JsonObject Row(DestinationConfig c, DestinationState? s, DateTimeOffset now, bool history)
    {
        var row = new JsonObject
        {
            ["destination"] = c.Destination,
            ["type"] = c.Type,
            ["target"] = c.Target,
            ["sends"] = c.Filter.Describe(),
            ["enabled"] = c.Enabled,
            ["timeout_seconds"] = c.TimeoutSeconds,
            ["retry_seconds"] = c.RetrySeconds,
            ["version"] = c.Version,
        };
        if (history)
        {
            row["action"] = c.Action;
            row["changed_at"] = Time(c.ChangedAt);
            row["changed_by"] = c.ChangedBy;
            row["reason"] = c.Reason;
            return row;
        }
        row["cursor"] = s?.Cursor;
        row["pending_changes"] = s?.PendingChanges;
        row["lag_minutes"] = s?.LagMinutes(now);
        row["records_delivered"] = s?.RecordsDelivered;
        row["last_success_at"] = Time(s?.LastSuccessAt);
        row["last_error"] = s?.LastError;
        row["last_error_at"] = Time(s?.LastErrorAt);
        return row;
    }

    internal static string? Time(DateTime? t) =>
        t is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}
