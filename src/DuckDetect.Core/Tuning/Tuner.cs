using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Detection;
using DuckDetect.Core.Exceptions;
using DuckDetect.Core.Retention;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Tuning;

/// <summary>
/// Tunes a rule's threshold on the history: what each threshold would have raised, after suppression and
/// exceptions, as `detect --what-if --threshold N` over the same range raises it. Set-based in three statements: the
/// rule's own query once at the lowest threshold needed (half the lowest asked, for the near-misses), suppression at
/// every threshold at once, and the figures. The rule's window, interval and suppression are its definition's.
/// </summary>
[DapperAot]
public static class Tuner
{
    public static JsonObject Run(DuckDbSession session, RuleDefinition rule, TuneRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var settings = rule.Settings;
        var connection = session.Connection;
        if (request.From is { } f && request.To is { } t && f > t)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--from {f:yyyy-MM-ddTHH:mm:ssZ} is after --to {t:yyyy-MM-ddTHH:mm:ssZ}");
        }
        var to = settings.Floor(request.To ?? request.Now);
        var first = connection.ExecuteScalar<DateTime?>("SELECT min(event_time) FROM cloudtrail_events");
        var from = request.From is { } requested ? settings.Floor(requested)
            : first is { } t0 ? settings.Floor(new DateTimeOffset(DateTime.SpecifyKind(t0, DateTimeKind.Utc))) : to;
        // After a prune, only the windows wholly after its horizon are complete, as detect evaluates them.
        if (PrunedHorizon.Read(connection) is { } horizon)
        {
            if (request.From is { } asked)
            {
                PrunedHorizon.CheckFrom(horizon, settings, asked);
            }
            var firstFrom = PrunedHorizon.FirstFrom(horizon, settings);
            from = from < firstFrom ? firstFrom : from;
        }
        var thresholds = request.Thresholds.Append(settings.Threshold).Distinct().Order().ToList();
        var lowest = Math.Max(1, (thresholds[0] + 1) / 2);

        connection.Execute(SqlScripts.Get("tune/candidates_table.sql"));
        var insert = SqlText.Fill(SqlScripts.Get("tune/candidates.sql"), new Dictionary<string, string> { ["rule"] = RuleText.Query(rule, settings) });
        if (from < to)
        {
            // The rule's query over the history's windows, slice by slice of the events as detect reads them.
            var windows = new Span((from + settings.Interval).UtcDateTime, to.UtcDateTime, (to - from).Ticks / settings.Interval.Ticks);
            StepTrace.Step("tune: candidates", () => SlicedEvaluation.Run(session, null,
                [new SlicedRule(rule, settings, [windows], span => connection.Execute(insert,
                    RuleSql.Parameters(rule, settings with { Threshold = lowest }, span.FirstEnd, span.LastEnd), commandTimeout: 0))],
                NullStatusSink.Instance, "tune"));
        }
        StepTrace.Step("tune: exceptions", () => ExceptionStore.Apply(connection, rule.Id, (from + settings.Interval).UtcDateTime, to.UtcDateTime, null, "tune_candidates"));
        var groupBy = string.Join(", ", rule.Suppression.GroupBy.Select(field => "c." + SqlText.Identifier(field) + "::VARCHAR"));
        StepTrace.Step("tune: suppression", () => connection.Execute(
            SqlText.Fill(SqlScripts.Get("tune/suppress.sql"), new Dictionary<string, string> { ["group_by"] = groupBy, ["openings"] = SqlScripts.Get("suppression/openings.sql") }),
            new { thresholds = ListParameter.Of(thresholds), duration_minutes = settings.SuppressionMinutes }, commandTimeout: 0));
        var json = StepTrace.Step("tune: figures", () => connection.ExecuteScalar<string>(SqlScripts.Get("tune/report.sql"),
            new { thresholds = ListParameter.Of(thresholds), current = settings.Threshold }, commandTimeout: 0))!;
        connection.Execute("DROP TABLE IF EXISTS tune_candidates; DROP TABLE IF EXISTS tune_alerts;");

        var figures = JsonNode.Parse(json)!.AsObject();
        var result = new JsonObject
        {
            ["rule_id"] = rule.Id,
            ["rule_name"] = rule.Name,
            ["current_threshold"] = settings.Threshold,
            ["window_minutes"] = settings.WindowMinutes,
            ["interval_minutes"] = settings.IntervalMinutes,
            ["suppression_minutes"] = settings.SuppressionMinutes,
            ["suppression_group_by"] = new JsonArray(rule.Suppression.GroupBy.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
            ["from"] = Iso(from),
            ["to"] = Iso(to),
            ["lowest_threshold_scanned"] = lowest,
            ["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
        };
        foreach (var (name, value) in figures.ToList())
        {
            figures.Remove(name);
            result[name] = value;
        }
        return result;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
