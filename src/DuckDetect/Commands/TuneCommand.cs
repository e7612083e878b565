using System.Text.Json.Nodes;
using Cocona;
using DuckDetect.Core;
using DuckDetect.Core.Alerts;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Tuning;

namespace DuckDetect.Commands;

public sealed class TuneCommand
{
    private static readonly string[] CsvColumns =
        ["rule_id", "threshold", "current", "alerts", "principals", "pairs", "near_misses", "pairs_added", "pairs_dropped"];

    /// <summary>Rows each list of the table output shows at most (the JSON output has them all).</summary>
    private const int TableRows = 50;

    [Command("tune", Description = "Tune a rule's threshold on the history: alerts and principals at each threshold (after suppression and exceptions), near-misses, and the principal/model pairs each threshold adds or drops")]
    public int Tune(
        CommonOptions common,
        [Option("from", Description = "Evaluate the windows ending after T (default: the first event)", ValueName = "T")] string? from = null,
        [Option("to", Description = "Evaluate the windows ending at or before T (default: now)", ValueName = "T")] string? to = null,
        [Option("rule", Description = "Only the rule with this id (default: every threshold rule)", ValueName = "ID")] string? rule = null,
        [Option("thresholds", Description = "Comma-separated thresholds (default: 200,300,500,800,1000; the current one is always added)", ValueName = "N,N,...")] string? thresholds = null,
        [Option("format", Description = "table, json or csv", ValueName = "FORMAT")] string format = "table")
    {
        var kind = format.ToLowerInvariant() is "table" or "json" or "csv" ? format.ToLowerInvariant()
            : throw new DuckDetectException(FailureKind.InvalidArguments, $"unknown --format '{format}'; use table, json or csv");
        var request = new TuneRequest
        {
            From = TimeArgument.Parse(from, "--from"),
            To = TimeArgument.Parse(to, "--to"),
            Thresholds = TuneRequest.ParseThresholds(thresholds),
        };
        // Tune scans a count threshold: the threshold rules'. An event rule (a match, new terms, a sequence) is tuned with
        // what-if settings (detect --what-if --set) and exceptions instead.
        var rules = RuleCatalog.Select(rule).Where(r => r.IsThreshold).ToList();
        if (rules.Count == 0)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"rule {rule} is an event rule ({RuleCatalog.Get(rule).Type}): tune scans the count thresholds of the threshold rules; try `detect --what-if FILE --rule {rule} --set NAME=VALUE`");
        }
        common.RequireDatabase();
        using var status = new ConsoleStatusSink(common.Quiet);
        var results = new List<JsonObject>();
        // The events are only in the job's database: it is opened read-only for the rule's queries, then closed.
        using (var session = common.OpenDatabase(readOnly: true))
        {
            foreach (var definition in rules)
            {
                var result = Tuner.Run(session, definition, request);
                status.Info($"tune: {definition.Name}: {result["candidates"]} candidate(s) at {result["lowest_threshold_scanned"]} or more, {result["elapsed_seconds"]}s");
                results.Add(result);
            }
        }
        switch (kind)
        {
            case "json":
                JsonSections.WriteJson(Console.Out, new JsonObject { ["rules"] = new JsonArray(results.Select(r => (JsonNode)r).ToArray()) });
                break;
            case "csv":
                AlertWriter.WriteCsv(Console.Out, results.SelectMany(r => r["thresholds"]!.AsArray().Select(t =>
                {
                    var row = t!.AsObject().DeepClone().AsObject();
                    row["rule_id"] = r["rule_id"]!.DeepClone();
                    return row;
                })).ToList(), CsvColumns);
                break;
            default:
                foreach (var result in results)
                {
                    Write(Console.Out, result);
                }
                break;
        }
        return ExitCodes.Success;
    }

    private static void Write(TextWriter output, JsonObject result)
    {
        output.WriteLine($"rule {JsonSections.Text(result["rule_id"])}: {JsonSections.Text(result["rule_name"])}");
        output.WriteLine($"windows ending in ({JsonSections.Text(result["from"])}, {JsonSections.Text(result["to"])}], current threshold {result["current_threshold"]}");
        JsonSections.Section(output, "per threshold (alerts after suppression and exceptions; pairs: principal and model pairs with a candidate at or over it)", result["thresholds"]);
        foreach (var level in result["near_misses"]?.AsArray() ?? [])
        {
            Capped(output, $"near-misses at {level!["threshold"]} (busiest window at least half the threshold, not the threshold)", level["near_misses"]!.AsArray());
        }
        foreach (var change in result["changes"]?.AsArray() ?? [])
        {
            Capped(output, $"pairs {change!["threshold"]} adds against the current threshold", change["pairs_added"]!.AsArray());
            Capped(output, $"pairs {change["threshold"]} drops against the current threshold", change["pairs_dropped"]!.AsArray());
        }
        output.WriteLine();
    }

    private static void Capped(TextWriter output, string title, JsonArray rows)
    {
        JsonSections.Section(output, title, new JsonArray(rows.Take(TableRows).Select(r => r!.DeepClone()).ToArray()));
        if (rows.Count > TableRows)
        {
            output.WriteLine($"  … {rows.Count - TableRows} more (--format json lists them all)");
        }
    }
}
