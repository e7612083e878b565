using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Status;

/// <summary>
/// What an operator checks: events and ingest lag, the last runs, each rule's checkpoint and pending windows,
/// failed files, consumers, the database's size and the analyst database's age. One JSON object; the CLI prints
/// it as JSON or as sections of a table.
/// </summary>
[DapperAot]
public static class StatusReport
{
    /// <summary>
    /// The report from <paramref name="session"/>: the job's database, or (<paramref name="fromAnalystDatabase"/>)
    /// the analyst database while the job's is in use, which knows the events only as counted at its publish.
    /// </summary>
    public static JsonObject Build(DuckDbSession session, string databasePath, string? publishedPath, DateTimeOffset now, bool fromAnalystDatabase = false)
    {
        var source = fromAnalystDatabase ? "published" : "job";
        var sql = SqlText.Fill(SqlScripts.Get("status/report.sql"), new Dictionary<string, string>
        {
            ["events"] = SqlScripts.Get($"status/events_{source}.sql"),
            ["unseen"] = SqlScripts.Get($"status/unseen_{source}.sql"),
            ["triage"] = SqlScripts.Get("triage/current.sql"),
        });
        var json = session.Connection.ExecuteScalar<string>(sql, new { now = now.UtcDateTime })!;
        var report = JsonNode.Parse(json)!.AsObject();
        report["now"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        report["source"] = fromAnalystDatabase ? "analyst database (the job's database is in use)" : "job's database";
        report["invocation_join"] = fromAnalystDatabase ? null : InvocationJoin(session);
        report["rules"] = Rules(report, now);
        report["last_detect"] = InCatalogOrder(report["last_detect"] as JsonArray);
        report["destinations"] = Destinations(report, now);
        report["database"] = FileFacts(databasePath, now, withWal: true);
        report["published"] = publishedPath is null ? null : FileFacts(publishedPath, now, withWal: false);
        report["s3_sources"] = fromAnalystDatabase ? null : S3Sources(session);
        return report;
    }

    /// <summary>The match rate of invocation logs against CloudTrail (the analyst database holds no invocations).</summary>
    private static JsonNode? InvocationJoin(DuckDbSession session) => JsonNode.Parse(session.Connection.ExecuteScalar<string>(
        RuleText.Get("status/invocation_join.sql"), new { tolerance = Ingest.InvocationJoin.ToleranceSeconds })!);

    /// <summary>Each S3 source's state and last run (the job's database keeps them; the analyst database does not).</summary>
    private static JsonNode? S3Sources(DuckDbSession session) => JsonNode.Parse(session.Connection.ExecuteScalar<string>(
        SqlScripts.Get("status/s3_sources.sql"), new { list_price = S3.S3Pricing.ListPerThousand, get_price = S3.S3Pricing.GetPerThousand })!);

    /// <summary>The largest detection lag of the rules, in minutes (a rule never run lags without end).</summary>
    public static double DetectionLagMinutes(JsonObject report) => MostLagging(report).Minutes;

    /// <summary>
    /// The rule whose detection lags furthest behind, by name, and its lag in minutes (null: no rules). A rule whose
    /// input the database does not hold at all (a rule over invocation logs where none were loaded) does not lag.
    /// </summary>
    public static (string? Rule, double Minutes) MostLagging(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report["rules"]!.AsArray()
            .Where(r => r!["no_input"]?.GetValue<bool>() != true)
            .Select(r => ((string?)r!["name"], r!["detection_lag_minutes"]?.GetValue<double>() ?? double.PositiveInfinity))
            .DefaultIfEmpty((null, 0))
            .MaxBy(r => r.Item2);
    }

    /// <summary>Each rule's last detect run, named, in the order of the rule list (a rule this build lacks last).</summary>
    private static JsonArray InCatalogOrder(JsonArray? runs)
    {
        var ordered = new JsonArray();
        foreach (var run in (runs ?? []).OfType<JsonObject>()
                     .OrderBy(r => RuleCatalog.All.ToList().FindIndex(c => c.Id == (string?)r["rule_id"]) is var i and >= 0 ? i : int.MaxValue))
        {
            var named = new JsonObject { ["rule_id"] = run["rule_id"]?.DeepClone(), ["name"] = RuleCatalog.Find((string?)run["rule_id"])?.Name };
            foreach (var (key, value) in run.Where(p => p.Key != "rule_id"))
            {
                named[key] = value?.DeepClone();
            }
            ordered.Add((JsonNode)named);
        }
        return ordered;
    }

    /// <summary>
    /// The enabled destinations furthest behind: the largest lag in minutes (the age of the oldest change one has not
    /// accepted; 0 when none waits), with that destination's name.
    /// </summary>
    public static (double Minutes, string? Destination) DestinationLagMinutes(JsonObject report) =>
        (report["destinations"] as JsonArray ?? [])
            .Where(d => d!["enabled"]?.GetValue<bool>() == true)
            .Select(d => (d!["lag_minutes"]?.GetValue<double>() ?? 0, (string?)d["destination"]))
            .DefaultIfEmpty((0, null))
            .MaxBy(d => d.Item1);

    /// <summary>Each destination with its lag in minutes beside the oldest change it has not accepted.</summary>
    private static JsonArray Destinations(JsonObject report, DateTimeOffset now)
    {
        var destinations = report["destinations"] as JsonArray ?? [];
        foreach (var destination in destinations.OfType<JsonObject>())
        {
            destination["lag_minutes"] = (string?)destination["oldest_pending_at"] is { } oldest
                ? Math.Round(Math.Max(0, (now - DateTimeOffset.Parse(oldest, CultureInfo.InvariantCulture)).TotalMinutes), 1)
                : 0;
        }
        return (JsonArray)destinations.DeepClone();
    }

    private static JsonArray Rules(JsonObject report, DateTimeOffset now)
    {
        var states = report["rule_state"]?.AsArray() ?? [];
        var rules = new JsonArray();
        foreach (var rule in RuleCatalog.All)
        {
            var state = states.FirstOrDefault(s => s!["rule_id"]!.GetValue<string>() == rule.Id);
            var due = rule.Settings.Floor(now);
            var entry = new JsonObject
            {
                ["rule_id"] = rule.Id,
                ["name"] = rule.Name,
                ["interval_minutes"] = rule.IntervalMinutes,
            };
            if (state is null)
            {
                entry["checkpoint"] = null;
                entry["pending_windows"] = null;
                entry["detection_lag_minutes"] = null;
                entry["no_input"] = HoldsNoInput(report, rule);
            }
            else
            {
                var checkpoint = DateTimeOffset.Parse(state["checkpoint"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                entry["checkpoint"] = state["checkpoint"]!.DeepClone();
                entry["pending_windows"] = Math.Max(0, (long)((due - checkpoint) / rule.Settings.Interval));
                entry["unseen_ingest_batches"] = state["unseen_ingest_batches"]?.DeepClone();
                entry["detection_lag_minutes"] = Math.Round(Math.Max(0, (now - checkpoint).TotalMinutes), 1);
            }
            rules.Add((JsonNode)entry);
        }
        report.Remove("rule_state");
        return rules;
    }

    /// <summary>
    /// Whether the database holds none of what the rule reads (no CloudTrail events; no invocation log records), so
    /// that a rule never evaluated is waiting for input, not lagging. Unknown (the analyst database, which keeps no
    /// invocations) counts as holding some.
    /// </summary>
    private static bool HoldsNoInput(JsonObject report, RuleDefinition rule) => rule.ReadsFrom == RuleSource.Invocations
        ? report["invocation_join"]?["invocations"]?.GetValue<long>() == 0
        : report["events"]?["stored"]?.GetValue<long>() == 0;

    private static JsonObject FileFacts(string path, DateTimeOffset now, bool withWal)
    {
        var file = new FileInfo(path);
        var facts = new JsonObject { ["path"] = Path.GetFullPath(path), ["exists"] = file.Exists };
        if (file.Exists)
        {
            facts["bytes"] = file.Length;
            facts["modified_at"] = file.LastWriteTimeUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            facts["age_minutes"] = Math.Round((now - file.LastWriteTimeUtc).TotalMinutes, 1);
        }
        if (withWal && File.Exists(path + ".wal"))
        {
            facts["wal_bytes"] = new FileInfo(path + ".wal").Length;
        }
        return facts;
    }
}
