using System.Text;
using System.Text.Json.Nodes;
using DuckDetect.Core.Principals;
using DuckDetect.Core.Storage;

namespace DuckDetect.Core.Reporting;

/// <summary>
/// The report's principal views (docs/alerts.md): the views of the alerts in the report's range, highest combined
/// score first: the first <see cref="ReportRequest.PrincipalCharts"/> drawn as timelines, the first
/// <see cref="ReportRequest.PrincipalViewRows"/> in a table with their steps.
/// </summary>
internal static class PrincipalViewSection
{
    /// <summary>The views, read while the database is open (the charts are drawn later).</summary>
    public static JsonObject Read(DuckDbSession session, ReportRequest request)
    {
        PrincipalViews.BuildAll(session.Connection, request.LookbackMinutes, request.From, request.To);
        return PrincipalViews.List(session.Connection, limit: request.PrincipalViewRows);
    }

    public static void Append(StringBuilder html, JsonObject list, ReportRequest request)
    {
        var views = (list["views"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        var total = (long?)list["total"] ?? 0;
        html.Append("<h2 id=\"principal-views\">Principals by combined score</h2>\n");
        html.Append("<p>Each principal's alerts of every rule, grouped while they come within ")
            .Append(Html.Encode(PrincipalLookback.Describe(request.LookbackMinutes)))
            .Append(" of each other, with one combined score: each distinct rule adds its risk score as a chance, a rule's further alerts ")
            .Append("a quarter as much each time, closed alerts nothing, at most 100 (<code>duckdetect alerts --by-principal</code>; ")
            .Append("the analyst database's <code>principal_views</code>). A chart: a row per step (rule) in the order it first fired, each alert a bar ")
            .Append("from its first counted event to the end of its activity, and the score after each alert (black, right axis).</p>\n");
        if (views.Count == 0)
        {
            html.Append("<p>No alert in this range names a principal.</p>\n");
            return;
        }
        foreach (var view in views.Take(request.PrincipalCharts))
        {
            var drawing = PrincipalTimelineChart.Draw(view);
            html.Append("<figure class=\"chart\" data-chart=\"principal-view\" data-subject=\"").Append(Html.Encode(Html.Text(view["user_arn"])))
                .Append("\" data-account=\"").Append(Html.Encode(Html.Text(view["account_id"])))
                .Append("\" data-view=\"").Append(Html.Encode(Html.Text(view["view_id"])))
                .Append("\" data-rules=\"").Append(Html.Encode(string.Join(",", (view["rule_ids"]?.AsArray() ?? []).Select(Html.Text))))
                .Append("\" data-points=\"").Append(drawing.Points).Append("\">")
                .Append(drawing.Svg).Append(Caption(view)).Append("</figure>\n");
        }
        html.Append(Html.LeftOut(Math.Min(views.Count, request.PrincipalCharts), total, "principal views charted (the highest scores)", "the table below lists more"));
        var rows = views.Select(v => (JsonNode)new JsonObject
        {
            ["principal"] = v["user_arn"]?.DeepClone(),
            ["account_id"] = v["account_id"]?.DeepClone(),
            ["score"] = v["score"]?.DeepClone(),
            ["steps"] = string.Join(" → ", (v["rule_names"]?.AsArray() ?? []).Select(Html.Text)),
            ["alerts"] = v["alerts"]?.DeepClone(),
            ["open_alerts"] = v["open_alerts"]?.DeepClone(),
            ["shared_alerts"] = v["shared_alerts"]?.DeepClone(),
            ["first_seen"] = v["first_seen"]?.DeepClone(),
            ["active_until"] = v["active_until"]?.DeepClone(),
        });
        html.Append(Html.Table(rows, [("principal", "principal"), ("account_id", "account"), ("score", "score"), ("steps", "steps (rules in order)"),
            ("alerts", "alerts"), ("open_alerts", "open"), ("shared_alerts", "shared"), ("first_seen", "first seen"), ("active_until", "until")]));
        html.Append(Html.LeftOut(views.Count, total, "principal views in the table", "duckdetect alerts --by-principal lists them all"));
    }

    /// <summary>The view's steps in words: each alert's time, rule and what it counted.</summary>
    private static string Caption(JsonObject view)
    {
        var html = new StringBuilder("<figcaption>Score ").Append(Html.Encode(Html.Text(view["score"])))
            .Append(Html.Encode(view["scored_from"] is null
                ? ": every alert is closed"
                : $" from the alerts of {Time(view["scored_from"])} to {Time(view["scored_until"])}"))
            .Append(".<ul>");
        foreach (var alert in (view["timeline"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            html.Append("<li>").Append(Html.Encode(Time(alert["first_seen"]))).Append(" <b>").Append(Html.Encode(Html.Text(alert["rule_name"])))
                .Append("</b> (").Append(Html.Encode($"{Html.Text(alert["severity"])} {Html.Text(alert["risk_score"])}")).Append("): ")
                .Append(Html.Encode(Html.Text(alert["facts"])))
                .Append(Html.Encode((bool?)alert["shared"] == true ? $"; shared by {Html.Text(alert["principals"])} principals" : ""))
                .Append(Html.Encode(Html.Text(alert["triage_status"]) == "closed" ? "; closed, not scored" : ""))
                .Append("; score ").Append(Html.Encode(Html.Text(alert["running_score"]))).Append("</li>");
        }
        return html.Append("</ul></figcaption>").ToString();
    }

    /// <summary>ISO 8601 UTC as people read it: 2026-03-02 13:10:01.</summary>
    private static string Time(JsonNode? node) => Html.Text(node).Replace('T', ' ').TrimEnd('Z');
}
