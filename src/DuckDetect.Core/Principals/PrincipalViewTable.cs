using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Alerts;

namespace DuckDetect.Core.Principals;

/// <summary>
/// The principal views for people (<c>alerts --by-principal</c>): per view, highest score first, a heading with the
/// principal, its score and what the score was taken over, then its timeline as a table of steps. Consecutive alerts
/// of one rule make one step (from the first's first event to the end of the last, with the score after it).
/// </summary>
public static class PrincipalViewTable
{
    private static readonly string[] Columns = ["first seen (UTC)", "until", "score", "rule", "risk", "what it counted"];

    private static readonly IReadOnlySet<string> Wrapping = new HashSet<string> { "rule", "what it counted" };

    private static readonly IReadOnlySet<string> Numbers = new HashSet<string> { "score" };

    public static void Write(TextWriter output, JsonObject list)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(list);
        var views = list["views"]?.AsArray() ?? [];
        if (views.Count == 0)
        {
            output.WriteLine("(no principal views: no alert in this range names a principal with this score)");
            return;
        }
        var first = true;
        foreach (var view in views.OfType<JsonObject>())
        {
            if (!first)
            {
                output.WriteLine();
            }
            first = false;
            foreach (var line in Heading(view))
            {
                output.WriteLine(line);
            }
            AlertTable.Write(output, Columns, Steps(view).ToList(), Wrapping, Numbers);
        }
        var total = (long?)list["total"] ?? views.Count;
        output.WriteLine($"({total} principal view{(total == 1 ? "" : "s")})");
    }

    /// <summary>Who, the score, and what it was taken over.</summary>
    public static IEnumerable<string> Heading(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var account = Text(view["account_id"]) is { Length: > 0 } a ? $" (account {a})" : " (no account)";
        yield return $"{Text(view["user_arn"])}{account}: score {Text(view["score"])}";
        var alerts = (long?)view["alerts"] ?? 0;
        var rules = (long?)view["rules"] ?? 0;
        var shared = (long?)view["shared_alerts"] ?? 0;
        var lookback = PrincipalLookback.Describe((int?)view["lookback_minutes"] ?? PrincipalLookback.DefaultMinutes);
        var scored = view["scored_from"] is null
            ? "no alert counts (all closed)"
            : $"scored on the alerts of {Time(view["scored_from"])} to {Time(view["scored_until"])}";
        yield return $"  {Plural(alerts, "alert")} of {Plural(rules, "rule")}, {Time(view["first_seen"])} to {Time(view["active_until"])}; " +
                     $"{scored} (lookback {lookback}); {Text(view["open_alerts"])} open" +
                     (shared > 0 ? $"; {shared} shared with other principals" : "");
        yield return $"  steps: {string.Join(" -> ", (view["rule_names"]?.AsArray() ?? []).Select(Text))}";
    }

    /// <summary>The timeline's steps: consecutive alerts of one rule as one row.</summary>
    public static IEnumerable<string[]> Steps(JsonObject view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var timeline = (view["timeline"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        for (var i = 0; i < timeline.Count;)
        {
            var run = timeline.Skip(i).TakeWhile(t => Text(t["rule_id"]) == Text(timeline[i]["rule_id"])).ToList();
            i += run.Count;
            var head = run[0];
            var last = run[^1];
            var notes = new List<string> { Text(head["facts"]) };
            if (run.Count > 1)
            {
                notes[0] = $"{run.Count} alerts, the first: {notes[0]}";
            }
            if (run.Any(t => (bool?)t["shared"] == true))
            {
                notes.Add($"shared by {run.Max(t => (int?)t["principals"] ?? 1)} principals");
            }
            var closed = run.Count(t => Text(t["triage_status"]) == "closed");
            if (closed > 0)
            {
                notes.Add(run.Count == 1 ? "closed: not scored" : $"{closed} closed: not scored");
            }
            yield return
            [
                Time(head["first_seen"]),
                Until(Text(head["first_seen"]), Text(last["active_until"])),
                Text(last["running_score"]),
                run.Count > 1 ? $"{Text(head["rule_name"])} (x{run.Count})" : Text(head["rule_name"]),
                $"{Text(head["severity"])} {Text(head["risk_score"])}",
                string.Join("; ", notes.Where(n => n.Length > 0)),
            ];
        }
    }

    /// <summary>The end of a step: its time alone when on the day it started.</summary>
    private static string Until(string from, string until) =>
        until.Length >= 10 && from.Length >= 10 && until[..10] == from[..10] ? Time(until)[11..] : Time(until);

    /// <summary>ISO 8601 UTC as people read it: 2026-03-02 01:10:00.</summary>
    private static string Time(JsonNode? node) => Time(Text(node));

    private static string Time(string iso) => iso.Replace('T', ' ').TrimEnd('Z');

    private static string Plural(long count, string noun) =>
        count.ToString("#,0", CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
