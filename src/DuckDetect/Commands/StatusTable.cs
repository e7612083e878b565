using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Storage;

namespace DuckDetect.Commands;

/// <summary>
/// The status report for people: a compact table per section, rules by name in the rule list's order, lags in
/// minutes, hours or days, sizes in MB. <c>--format json</c> keeps the machine fields (minutes, bytes, ids).
/// </summary>
internal static class StatusTable
{
    public static void Write(TextWriter output, JsonObject report)
    {
        output.WriteLine($"status at {Text(report["now"])}, from the {Text(report["source"])}");
        var events = report["events"];
        Table(output, "events", ["stored", "first event", "newest event", "ingest lag"],
            [[Count(events?["stored"]), Text(events?["first_event"]), Text(events?["newest_event"]), Lag(events?["ingest_lag_minutes"])]]);
        if (report["last_ingest"] is JsonObject ingest)
        {
            string[] columns = ["run", "started at", "took", "files listed", "loaded", "failed", "new events"];
            string[] row = [Text(ingest["run_id"]), Text(ingest["started_at"]), Millis(ingest["duration_ms"]), Count(ingest["files_listed"]),
                Count(ingest["files_loaded"]), Count(ingest["files_failed"]), Count(ingest["events_new"])];
            if (Number(ingest["s3_list_requests"]) > 0)
            {
                columns = [.. columns, "s3 LIST", "s3 GET", "s3 read", "s3 request cost"];
                row = [.. row, Count(ingest["s3_list_requests"]), Count(ingest["s3_get_requests"]),
                    MemorySize.Describe((long)Number(ingest["s3_bytes_read"])), Dollars(ingest["s3_request_cost_usd"])];
            }
            Table(output, "last ingest", columns, [row]);
        }
        Rules(output, report);
        if (report["failed_files"] is JsonObject failed && Number(failed["count"]) > 0)
        {
            Table(output, "failed files", ["count", "newest at", "newest path", "newest error"],
                [[Count(failed["count"]), Text(failed["newest_at"]), Text(failed["newest_path"]), Text(failed["newest_error"])]]);
        }
        else
        {
            output.WriteLine();
            output.WriteLine("failed files: none");
        }
        var alerts = report["alerts"];
        Table(output, "alerts", ["stored", "newest window end", "open", "acknowledged", "closed"],
            [[Count(alerts?["stored"]), Text(alerts?["newest_window_end"]), Count(alerts?["open"]), Count(alerts?["acknowledged"]), Count(alerts?["closed"])]]);
        var exceptions = report["exceptions"];
        Table(output, "exceptions", ["active", "removed", "alerts retracted by exceptions"],
            [[Count(exceptions?["active"]), Count(exceptions?["removed"]), Count(exceptions?["alerts_retracted_by_exceptions"])]]);
        if (report["consumers"] is JsonArray { Count: > 0 } consumers)
        {
            Table(output, "consumers", ["consumer", "cursor", "delivered at", "pending changes"],
                consumers.OfType<JsonObject>().Select(c => new[] { Text(c["consumer"]), Text(c["cursor"]), Text(c["delivered_at"]), Count(c["pending_changes"]) }).ToList());
        }
        if (report["destinations"] is JsonArray { Count: > 0 } destinations)
        {
            Table(output, "destinations", ["destination", "type", "enabled", "pending changes", "lag", "last success", "last error", "failing since"],
                destinations.OfType<JsonObject>().Select(d => new[]
                {
                    Text(d["destination"]), Text(d["type"]), Text(d["enabled"]), Count(d["pending_changes"]), Lag(d["lag_minutes"]),
                    Text(d["last_success_at"]), Text(d["last_error"]), Text(d["failing_since"]),
                }).ToList(), wrapping: ["last error"]);
        }

        S3Sources(output, report);
        InvocationJoin(output, report);
        Table(output, "files", ["file", "path", "size", "modified at", "age"],
            new[] { ("database", report["database"]), ("analyst database", report["published"]) }
                .Where(f => f.Item2 is JsonObject)
                .Select(f => File(f.Item1, f.Item2!.AsObject())).ToList());
    }

    /// <summary>Each S3 source: its date roots and newest day, its objects, its listings and its last run's requests.</summary>
    private static void S3Sources(TextWriter output, JsonObject report)
    {
        if (report["s3_sources"] is JsonArray { Count: > 0 } sources)
        {
            Table(output, "s3 sources", ["source", "date roots", "newest day", "loaded", "failed", "listed at", "reconciled at", "last run LIST", "GET", "read", "request cost"],
                sources.OfType<JsonObject>().Select(source => new[]
                {
                    Text(source["source"]), Count(source["date_roots"]), Text(source["newest_day"]), Count(source["objects_loaded"]),
                    Count(source["objects_failed"]), Text(source["last_listed_at"]), Text(source["last_reconciled_at"]),
                    Count(source["last_run_list_requests"]), Count(source["last_run_get_requests"]),
                    MemorySize.Describe((long)Number(source["last_run_bytes_read"])), Dollars(source["last_run_request_cost_usd"]),
                }).ToList(), wrapping: ["source"]);
        }
    }

    /// <summary>How many invocations have their CloudTrail call, and how many CloudTrail inference calls their invocation record.</summary>
    private static void InvocationJoin(TextWriter output, JsonObject report)
    {
        if (report["invocation_join"] is JsonObject join && Number(join["invocations"]) > 0)
        {
            Table(output, "invocation logs joined with cloudtrail", ["", "stored", "matched", "by request id", "by time", "unmatched", "match rate"],
            [
                ["invocations", Count(join["invocations"]), Count(Number(join["matched_by_request_id"]) + Number(join["matched_by_time"])),
                    Count(join["matched_by_request_id"]), Count(join["matched_by_time"]), Count(join["unmatched_invocations"]), Rate(join["invocation_match_rate"])],
                ["cloudtrail inference calls", Count(join["inference_calls"]), Count(Number(join["matched_by_request_id"]) + Number(join["matched_by_time"])),
                    "-", "-", Count(join["inference_calls_unmatched"]), Rate(join["inference_call_match_rate"])],
            ]);
        }
    }

    private static string Rate(JsonNode? share) =>
        share is null ? "-" : (Number(share) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Dollars(JsonNode? usd) => "$" + Number(usd).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>Per rule, by name: where detection stands; then what its last run did.</summary>
    private static void Rules(TextWriter output, JsonObject report)
    {
        var rules = (report["rules"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        Table(output, "rules", ["rule", "every", "detection lag", "pending windows", "unseen batches"],
            rules.Select(rule => new[]
            {
                Text(rule["name"]), Every(rule["interval_minutes"]),
                rule["detection_lag_minutes"] is not null ? Lag(rule["detection_lag_minutes"])
                    : rule["no_input"]?.GetValue<bool>() == true ? "no input yet" : "never evaluated",
                Count(rule["pending_windows"]), Count(rule["unseen_ingest_batches"]),
            }).ToList(), wrapping: ["rule"]);
        var runs = (report["last_detect"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        Table(output, "last detect", ["rule", "at", "took", "windows", "late", "new", "updated", "retracted"],
            runs.Select(run => new[]
            {
                Text(run["name"]) is "-" ? Text(run["rule_id"]) : Text(run["name"]), Text(run["started_at"]), Millis(run["duration_ms"]),
                Count(run["windows_evaluated"]), Count(run["late_windows"]), Count(run["alerts_new"]), Count(run["alerts_updated"]),
                Count(run["alerts_retracted"]),
            }).ToList(), wrapping: ["rule"]);
    }

    private static string[] File(string name, JsonObject facts) =>
    [
        name, Text(facts["path"]),
        facts["exists"]?.GetValue<bool>() == true
            ? MemorySize.Describe((long)Number(facts["bytes"])) + (facts["wal_bytes"] is { } wal ? $" (+{MemorySize.Describe((long)Number(wal))} log)" : "")
            : "missing",
        Text(facts["modified_at"]), facts["age_minutes"] is { } age ? Lag(age) : "-",
    ];

    private static void Table(TextWriter output, string title, string[] columns, IReadOnlyList<string[]> rows, string[]? wrapping = null)
    {
        output.WriteLine();
        output.WriteLine(title);
        if (rows.Count == 0)
        {
            output.WriteLine("  (none)");
            return;
        }
        var numbers = columns.Where((_, i) => rows.All(r => r[i].Length > 0 && r[i].All(c => char.IsAsciiDigit(c) || c is ',' or '.'))).ToHashSet();
        AlertTable.Write(output, columns, rows, new HashSet<string>(wrapping ?? ["path", "newest path", "newest error"]), numbers);
    }

    private static double Number(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static string Count(JsonNode? node) => node is null ? "-" : Number(node).ToString("#,0", CultureInfo.InvariantCulture);

    private static string Lag(JsonNode? minutes) => minutes is null ? "-" : Duration.Describe(Number(minutes));

    private static string Every(JsonNode? minutes) => minutes is null ? "-" : Duration.Describe(Number(minutes));

    private static string Millis(JsonNode? ms) => ms is null ? "-"
        : Number(ms) < 60_000 ? (Number(ms) / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s" : Duration.Describe(Number(ms) / 60_000);

    private static string Text(JsonNode? node) => JsonSections.Text(node);
}
