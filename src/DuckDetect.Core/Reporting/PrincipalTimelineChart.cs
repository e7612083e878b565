using System.Globalization;
using System.Text.Json.Nodes;
using ScottPlot;
using static DuckDetect.Core.Reporting.ChartKit;

namespace DuckDetect.Core.Reporting;

/// <summary>
/// The timeline of one principal view (docs/alerts.md): a row per rule, in the order of its first alert (step 1 at
/// the top), each alert a bar from its first counted event to the end of its activity in its rule's colour (closed
/// alerts lighter), and the combined score as it grew, alert by alert, on a right axis from 0 to 100. The legend names
/// each step's rule, its severity and risk score.
/// </summary>
internal static class PrincipalTimelineChart
{
    public static ChartDrawing Draw(JsonObject view)
    {
        var timeline = (view["timeline"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        var rules = (view["rule_ids"]?.AsArray() ?? []).Select(Html.Text).ToList();
        var plot = NewPlot(Title(view), "step");
        plot.Axes.Title.Label.FontSize = 13;
        var starts = timeline.Select(t => Iso(t["first_seen"])).ToList();
        var ends = timeline.Select(t => Iso(t["active_until"])).ToList();
        var from = starts.Min();
        var to = Math.Max(ends.Max(), starts.Max());
        // a twentieth of the span either side, at least 10 minutes; a bar at least a hundredth of the axis wide
        var pad = Math.Max((to - from) / 20, Days(10));
        var least = (to - from + (2 * pad)) / 100;
        var legend = new List<LegendItem>();
        for (var step = 0; step < rules.Count; step++)
        {
            var ruleId = rules[step];
            var row = rules.Count - 1 - step;
            var colour = RuleColour(ruleId);
            var alerts = timeline.Select((t, i) => (t, i)).Where(p => Html.Text(p.t["rule_id"]) == ruleId).ToList();
            var bars = alerts.Select(p => new Bar
            {
                Position = row,
                ValueBase = starts[p.i],
                Value = Math.Max(ends[p.i], starts[p.i] + least),
                FillColor = colour.WithAlpha(Html.Text(p.t["triage_status"]) == "closed" ? 0.3 : 0.85),
                LineWidth = 0,
                Size = 0.6,
            }).ToList();
            var plotted = plot.Add.Bars(bars);
            plotted.Horizontal = true;
            var first = alerts[0].t;
            legend.Add(new LegendItem
            {
                LabelText = $"step {step + 1}: {Html.Text(first["rule_name"])} ({Html.Text(first["severity"])} {Html.Text(first["risk_score"])}), " +
                            $"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}",
                FillColor = colour.WithAlpha(0.85),
            });
        }
        var score = RunningScore(plot, timeline, starts, to + pad);
        legend.Add(new LegendItem { LabelText = $"combined score after each alert (right axis): {Html.Text(view["score"])} at most", LineColor = Colors.Black, LineWidth = 2 });
        plot.Legend.ManualItems.AddRange(legend);
        LegendBelow(plot);
        // one step a row: its items are long, and wrapped side by side the layout reserved too little room for them,
        // cutting the last steps off a view of eight rules
        plot.Legend.Orientation = Orientation.Vertical;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rules.Count).Select(s => (double)(rules.Count - 1 - s)).ToArray(),
            Enumerable.Range(1, rules.Count).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray());
        TimeAxis(plot, from - pad, to + pad);
        // after the time axis, which would otherwise scale them to the data
        plot.Axes.SetLimitsY(-0.7, rules.Count - 0.3, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 105, plot.Axes.Right);
        plot.Axes.Right.Label.Text = "combined score";
        plot.Axes.Right.MinimumSize = 40;
        return new ChartDrawing(Svg(plot, 190 + (36 * rules.Count) + (22 * legend.Count)), timeline.Count + score);
    }

    /// <summary>The score after each alert as a step line on the right axis, held to the axis' end; returns its points.</summary>
    private static int RunningScore(Plot plot, List<JsonObject> timeline, List<double> starts, double end)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < timeline.Count; i++)
        {
            xs.Add(starts[i]);
            ys.Add(Num(timeline[i]["running_score"]));
        }
        xs.Add(end);
        ys.Add(ys[^1]);
        var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray(), Colors.Black);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LineWidth = 2;
        line.MarkerSize = 5;
        line.LegendText = "";
        line.Axes.YAxis = plot.Axes.Right;
        return xs.Count;
    }

    public static string Title(JsonObject view) =>
        $"{Html.Text(view["user_arn"])} (account {Html.Text(view["account_id"])})\n" +
        $"score {Html.Text(view["score"])}: {Html.Text(view["alerts"])} alert(s) of {Html.Text(view["rules"])} rule(s)";

    /// <summary>ISO 8601 UTC text as ScottPlot's date axis takes it (OLE automation days).</summary>
    private static double Iso(JsonNode? node) =>
        DateTime.Parse(Html.Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToOADate();
}
