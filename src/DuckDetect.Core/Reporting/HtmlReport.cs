using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Core.Rules;
using DuckDetect.Core.Status;
using DuckDetect.Core.Storage;
using DuckDetect.Core.Triage;
using DuckDetect.Core.Tuning;

namespace DuckDetect.Core.Reporting;

/// <summary>
/// One self-contained HTML file for people: alerts per day by rule and triage status, the alerting principals' (and
/// source IPs') calls against each of their rules' own thresholds with their alert windows, the tuning curve and
/// near-misses, run health, and the latest alerts. Charts are ScottPlot's SVG, inline; the file loads nothing (no script, font or image from
/// elsewhere). Every list is capped (<see cref="ReportRequest"/>) and says what it left out.
/// </summary>
[DapperAot]
public static class HtmlReport
{
    public static string Build(DuckDbSession session, ReportRequest request)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        if (request.From is { } f && request.To is { } t && f > t)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, $"--from {f:yyyy-MM-ddTHH:mm:ssZ} is after --to {t:yyyy-MM-ddTHH:mm:ssZ}");
        }
        var data = JsonNode.Parse(StepTrace.Step("report: data", () => session.Connection.ExecuteScalar<string>(TriageStore.WithCurrentTriage("report/report.sql"), new
        {
            from = (request.From ?? DateTimeOffset.UnixEpoch).UtcDateTime,
            to = (request.To ?? DateTimeOffset.MaxValue.AddYears(-1)).UtcDateTime,
            rules = RulesJson(),
            charts = request.Charts,
            stacked_principals = request.StackedPrincipals,
            principal_rows = request.PrincipalRows,
            alert_rows = request.AlertRows,
            run_rows = request.RunRows,
            failed_rows = request.FailedRows,
        }, commandTimeout: 0))!)!.AsObject();
        var principalViews = StepTrace.Step("report: principal views", () => PrincipalViewSection.Read(session, request));
        var status = StatusReport.Build(session, session.Path, null, request.Now);
        var tuning = RuleCatalog.All
            .Select(rule => StepTrace.Step("report: tuning", () => Tuner.Run(session, rule, new TuneRequest { From = request.From, To = request.To, Now = request.Now })))
            .ToList();

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>DuckDetect report</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>DuckDetect report</h1>")
            .Append("<p class=\"meta\">Generated ").Append(Html.Encode(Iso(request.Now))).Append(" from ").Append(Html.Encode(Path.GetFileName(session.Path)))
            .Append(". Alerts whose window ends ").Append(Html.Encode(Range(request))).Append(": <b>").Append(Html.Text(data["alerts_total"]))
            .Append("</b> alert(s) from ").Append(Subjects(data))
            .Append(data["first_window_end"] is null ? "" : $", {Html.Encode(Html.Text(data["first_window_end"]))} to {Html.Encode(Html.Text(data["last_window_end"]))}")
            .Append(".</p>\n");
        AlertsSection(html, data);
        PrincipalViewSection.Append(html, principalViews, request);
        PrincipalsSection(html, data, request);
        TuningSection(html, tuning, request);
        HealthSection(html, data, status);
        LatestAlertsSection(html, data, request);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AlertsSection(StringBuilder html, JsonObject data)
    {
        var perDay = data["per_day"]?.AsArray() ?? [];
        html.Append("<h2 id=\"alerts-per-day\">Alerts per day by rule and triage status</h2>\n");
        if (perDay.Count == 0)
        {
            html.Append("<p>No alerts in this range.</p>\n");
            return;
        }
        html.Append(Figure("alerts-per-day", ReportCharts.AlertsPerDay(perDay)));
        html.Append(Html.Table(data["statuses"]?.AsArray() ?? [], [("status", "triage status"), ("alerts", "alerts")]));
    }

    private static void PrincipalsSection(StringBuilder html, JsonObject data, ReportRequest request)
    {
        var charts = data["charts"]?.AsArray() ?? [];
        var principals = data["principals"]?.AsArray() ?? [];
        var total = (long?)data["principals_total"] ?? 0;
        html.Append("<h2 id=\"principals\">Alerting principals and source IPs: calls against each rule's threshold</h2>\n");
        html.Append("<p>A chart shows one principal's alerts (one source IP's for a rule with no single principal) of the rules that count the same windows. ")
            .Append("Bars: calls per interval bucket (all models; a source IP's stacked by principal, inside its alerts' windows). ")
            .Append("Lines: per model, the calls of the window ending with each bucket, which each rule compares with its own threshold (dashed, in the rule's colour, with its name). ")
            .Append("Shaded: each alert's windows, from its opening window's start to the last window folded into it, in its rule's colour. ")
            .Append("Charted first: each rule's busiest, then each rule's second, and so on.</p>\n");
        foreach (var chart in charts)
        {
            var view = AlertChartView.Of(chart!);
            if (view.Points == 0)
            {
                html.Append("<p class=\"left-out\">").Append(Html.Encode(AlertChartText.Title(view).Replace('\n', ' ')))
                    .Append(": no timeline stored for these alerts (raised before schema 3; <code>duckdetect detect --from DATE</code> writes it).</p>\n");
                continue;
            }
            var drawing = AlertChart.Draw(view);
            html.Append("<figure class=\"chart\" data-chart=\"alerts\" data-subject=\"").Append(Html.Encode(view.Subject))
                .Append("\" data-account=\"").Append(Html.Encode(view.Account))
                .Append("\" data-rules=\"").Append(Html.Encode(string.Join(",", view.Rules.Select(r => r.RuleId))))
                .Append("\" data-points=\"").Append(drawing.Points).Append("\">")
                .Append(drawing.Svg).Append(AlertChartText.Caption(view)).Append("</figure>\n");
        }
        html.Append(Html.LeftOut(charts.Count, (long?)data["charts_total"] ?? 0, "charts (each rule's busiest first)", "the table below lists the principals"));
        html.Append(Html.Table(principals, [("principal", "principal or source IP"), ("account_id", "account"), ("rules", "rules"), ("alerts", "alerts"), ("open_alerts", "open"),
            ("peak", "peak window calls"), ("models", "models"), ("first_window_end", "first alert"), ("last_suppression_end", "last window")]));
        html.Append(Html.LeftOut(principals.Count, total, "principals and source IPs in the table", $"the report lists at most {request.PrincipalRows}; query the alerts table for all"));
    }

    /// <summary>The rules' definitions as one JSON array (each file is a JSON object as written).</summary>
    private static string RulesJson() => "[" + string.Join(",", RuleCatalog.All.Select(r => SqlScripts.Get(r.DefinitionFile))) + "]";

    private static void TuningSection(StringBuilder html, List<JsonObject> tuning, ReportRequest request)
    {
        html.Append("<h2 id=\"tuning\">Tuning the threshold on the history</h2>\n");
        html.Append("<p>What each threshold would have raised over the same history, after suppression and exceptions (as <code>duckdetect tune</code> computes it; <code>detect --what-if --threshold N</code> raises the same count).</p>\n");
        foreach (var rule in tuning)
        {
            html.Append(Figure("tuning-curve", ReportCharts.TuningCurve(rule)));
            html.Append(Html.Table(rule["thresholds"]?.AsArray() ?? [], [("threshold", "threshold"), ("alerts", "alerts"), ("principals", "principals"),
                ("pairs", "principal/model pairs"), ("near_misses", "near-misses"), ("pairs_added", "pairs added"), ("pairs_dropped", "pairs dropped")]));
            var current = (rule["near_misses"]?.AsArray() ?? []).FirstOrDefault(l => (long?)l!["threshold"] == (long?)rule["current_threshold"]);
            var nearMisses = current?["near_misses"]?.AsArray() ?? [];
            html.Append("<h3>Near-misses at the current threshold (").Append(Html.Text(rule["current_threshold"]))
                .Append("): busiest window at least half the threshold, not the threshold</h3>\n");
            html.Append(Html.Table(nearMisses.Take(request.NearMissRows), [("user_arn", "principal"), ("account_id", "account"), ("model_id", "model"),
                ("peak", "peak window calls"), ("peak_window_end", "window end")]));
            html.Append(Html.LeftOut(Math.Min(nearMisses.Count, request.NearMissRows), nearMisses.Count, "near-misses", "duckdetect tune --format json lists them all"));
        }
    }

    private static void HealthSection(StringBuilder html, JsonObject data, JsonObject status)
    {
        html.Append("<h2 id=\"health\">Run health</h2>\n");
        var facts = new JsonArray();
        facts.Add(Fact("events stored", status["events"]?["stored"]));
        facts.Add(Fact("newest event", status["events"]?["newest_event"]));
        facts.Add(Fact("ingest lag (minutes, newest event to now)", status["events"]?["ingest_lag_minutes"]));
        foreach (var rule in status["rules"]?.AsArray() ?? [])
        {
            facts.Add(Fact($"detection lag of {Html.Text(rule!["name"])} (minutes, checkpoint to now)", rule["detection_lag_minutes"]));
            facts.Add(Fact("checkpoint", rule["checkpoint"]));
        }
        facts.Add(Fact("failed files", data["failed_files_total"]));
        facts.Add(Fact("last ingest duration (ms)", status["last_ingest"]?["duration_ms"]));
        html.Append(Html.Table(facts, [("fact", "fact"), ("value", "value")]));
        var detectRuns = data["detect_runs"]?.AsArray() ?? [];
        var ingestRuns = data["ingest_runs"]?.AsArray() ?? [];
        if (detectRuns.Count + ingestRuns.Count > 0)
        {
            html.Append(Figure("run-durations", ReportCharts.RunDurations(detectRuns, ingestRuns)));
        }
        html.Append(Html.LeftOut(detectRuns.Count, (long?)data["detect_runs_total"] ?? 0, "detect runs charted (the latest)", "the detect_runs table has them all"));
        html.Append(Html.LeftOut(ingestRuns.Count, (long?)data["ingest_runs_total"] ?? 0, "ingest runs charted (the latest)", "the ingest_runs table has them all"));
        var failed = data["failed_files"]?.AsArray() ?? [];
        if (failed.Count > 0)
        {
            html.Append("<h3>Failed files (the latest)</h3>\n");
            html.Append(Html.Table(failed, [("path", "path"), ("error", "error"), ("ingested_at", "tried at")]));
            html.Append(Html.LeftOut(failed.Count, (long?)data["failed_files_total"] ?? 0, "failed files", "ingested_files with status 'failed' has them all"));
        }
    }

    private static void LatestAlertsSection(StringBuilder html, JsonObject data, ReportRequest request)
    {
        var alerts = data["alerts"]?.AsArray() ?? [];
        html.Append("<h2 id=\"alerts\">Latest alerts</h2>\n<p>Explain one with <code>duckdetect explain ALERT_ID</code>.</p>\n");
        html.Append(Html.Table(alerts, [("window_end", "window end"), ("rule", "rule"), ("principal", "principal or source IP"), ("account_id", "account"), ("model_id", "model"),
            ("calls", "calls"), ("suppressed_count", "folded"), ("severity", "severity"), ("verdict", "content signals"), ("status", "triage status"), ("alert_id", "alert id")]));
        html.Append(Html.LeftOut(alerts.Count, (long?)data["alerts_total"] ?? 0, "alerts", $"the report lists the latest {request.AlertRows}; duckdetect alerts lists them all"));
        ContentSignalsTable(html, alerts);
    }

    /// <summary>The content signals of the latest alerts of threshold rules, from their invocation logs.</summary>
    private static void ContentSignalsTable(StringBuilder html, JsonArray alerts)
    {
        var rows = alerts.OfType<JsonObject>().Where(a => a["signals"] is JsonObject).Select(a =>
        {
            var row = a["signals"]!.DeepClone().AsObject();
            row["alert_id"] = a["alert_id"]?.DeepClone();
            row["alert"] = $"{Html.Text(a["principal"])}, window ending {Html.Text(a["window_end"])}";
            row["severity"] = a["severity"]?.DeepClone();
            return (JsonNode)row;
        }).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        html.Append("<h3 id=\"content-signals\">Content signals of these alerts (threshold rules)</h3>\n")
            .Append("<p>From the Bedrock invocation logs of each alert's principal, account and model within its span, against their 14 days before ")
            .Append("(<code>alert_content_signals</code>). The bounds are resampled, repetitive and templated; the verdict &quot;templated or repetitive probing pattern&quot; (the <i>content signals</i> column above) raised the alert's severity one step; ")
            .Append("it ranks alerts and does not show that membership inference happened. &quot;unknown&quot;: no invocation records (or too few).</p>\n");
        html.Append(Html.Table(rows, [("alert", "alert"), ("severity", "severity"),
            ("criteria", "bounds crossed / by the baseline"), ("invocations", "invocations / baseline"),
            ("distinct_prompt_ratio", "distinct prompts"), ("max_prompt_repeats", "max repeats"), ("top_template_share", "top template"),
            ("near_duplicate_ratio", "near dupl."), ("resampled_share", "resampled"), ("output_tokens", "output tokens median"),
            ("short_prompt_share", "short"), ("temperature_zero_share", "temp. 0"), ("small_max_tokens_share", "small max tokens")]));
    }

    /// <summary>Who raised the alerts: principals, and source IPs for the alerts of rules with no single principal.</summary>
    private static string Subjects(JsonObject data)
    {
        var sources = (long?)data["source_ips_total"] ?? 0;
        var principals = ((long?)data["principals_total"] ?? 0) - sources;
        return $"<b>{principals:N0}</b> principal(s)" + (sources > 0 ? $" and <b>{sources:N0}</b> source IP(s) of alerts with no single principal" : "");
    }

    private static JsonNode Fact(string name, JsonNode? value) => new JsonObject { ["fact"] = name, ["value"] = value?.DeepClone() };

    private static string Figure(string kind, string svg) => $"<figure class=\"chart\" data-chart=\"{kind}\">{svg}</figure>\n";

    private static string Range(ReportRequest request) => (request.From, request.To) switch
    {
        (null, null) => "at any time",
        ({ } from, null) => $"from {Iso(from)}",
        (null, { } to) => $"up to {Iso(to)}",
        ({ } from, { } to) => $"from {Iso(from)} to {Iso(to)}",
    };

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private const string Style =
        "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:24px auto;max-width:1140px;color:#222}" +
        "h1{font-size:26px}h2{font-size:20px;margin-top:36px;border-bottom:1px solid #ccc}h3{font-size:15px}" +
        "table{border-collapse:collapse;font-size:12px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}" +
        "th{background:#f3f3f3}td.n{text-align:right}figure.chart{margin:12px 0}figure.chart svg{max-width:100%;height:auto}" +
        "figcaption{font-size:13px;color:#333}figcaption ul{margin:2px 0;padding-left:20px}" +
        ".meta{color:#555}.left-out{color:#8a4b00;font-style:italic}code{background:#f3f3f3;padding:0 3px}";
}
