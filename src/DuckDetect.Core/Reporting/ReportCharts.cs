using System.Text.Json.Nodes;
using ScottPlot;
using static DuckDetect.Core.Reporting.ChartKit;

namespace DuckDetect.Core.Reporting;

/// <summary>The report's charts of alerts per day, tuning and run durations, drawn with ScottPlot as inline SVG.</summary>
internal static class ReportCharts
{
    /// <summary>Alerts per day, stacked by rule (a colour each) and triage status (open solid, the others lighter).</summary>
    public static string AlertsPerDay(JsonArray perDay)
    {
        var rules = perDay.Select(r => Html.Text(r!["rule_name"])).Distinct().Order(StringComparer.Ordinal).ToList();
        var severalRules = rules.Count > 1;
        var plot = NewPlot(severalRules ? "Alerts per day by rule and triage status" : $"Alerts per day by triage status: {rules[0]}", "alerts");
        var keys = new List<(string Label, Color Colour)>();
        var stacked = new Dictionary<double, double>();
        foreach (var row in perDay)
        {
            var day = DateTime.Parse((string)row!["day"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(12).ToOADate();
            var alerts = Num(row["alerts"]);
            var status = Html.Text(row["status"]);
            var colour = RuleColour(Html.Text(row["rule_id"])).WithAlpha(StatusAlpha(status));
            var label = severalRules ? $"{Html.Text(row["rule_name"])}: {status}" : status;
            if (!keys.Any(k => k.Label == label))
            {
                keys.Add((label, colour));
            }
            var below = stacked.GetValueOrDefault(day);
            plot.Add.Bar(new Bar { Position = day, ValueBase = below, Value = below + alerts, FillColor = colour, Size = 0.8 });
            stacked[day] = below + alerts;
        }
        foreach (var (label, colour) in keys.OrderBy(k => k.Label, StringComparer.Ordinal))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = colour });
        }
        LegendBelow(plot);
        plot.Legend.Orientation = Orientation.Vertical;
        plot.Axes.Margins(bottom: 0);
        // a day either side, so that a single day is a bar and not the whole axis
        TimeAxis(plot, stacked.Keys.Min() - 1, stacked.Keys.Max() + 1);
        return Svg(plot, 320 + (22 * keys.Count));
    }

    private static double StatusAlpha(string status) => status switch
    {
        "open" => 1.0,
        "acknowledged" => 0.6,
        "closed" => 0.3,
        _ => 0.45,
    };

    /// <summary>The tuning curve: alerts and principals against the threshold, the current one marked.</summary>
    public static string TuningCurve(JsonNode tuning)
    {
        var plot = NewPlot($"Tuning curve: {Html.Text(tuning["rule_name"])}", "alerts on the history");
        var levels = tuning["thresholds"]?.AsArray() ?? [];
        var xs = levels.Select(l => Num(l!["threshold"])).ToArray();
        var alerts = plot.Add.Scatter(xs, levels.Select(l => Num(l!["alerts"])).ToArray(), Category10[0]);
        alerts.LegendText = "alerts";
        alerts.LineWidth = 2;
        alerts.MarkerSize = 8;
        var principals = plot.Add.Scatter(xs, levels.Select(l => Num(l!["principals"])).ToArray(), Category10[1]);
        principals.LegendText = "distinct principals";
        principals.LineWidth = 2;
        principals.MarkerSize = 8;
        var current = plot.Add.VerticalLine(Num(tuning["current_threshold"]), 2, Colors.Red, LinePattern.Dashed);
        current.LegendText = $"current threshold {tuning["current_threshold"]}";
        plot.XLabel("threshold (calls in one window)");
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, 300);
    }

    /// <summary>Run durations over time: detect and ingest runs, in seconds.</summary>
    public static string RunDurations(JsonArray detectRuns, JsonArray ingestRuns)
    {
        var plot = NewPlot("Run durations", "seconds");
        AddRuns(plot, detectRuns, "detect runs", Category10[0]);
        AddRuns(plot, ingestRuns, "ingest runs", Category10[1]);
        var times = detectRuns.Concat(ingestRuns).Select(r => Time(r![0])).ToList();
        // a twentieth of the range either side, at least a minute, so that one run is a dot inside the axis
        var pad = Math.Max((times.Max() - times.Min()) / 20, Days(1));
        plot.Axes.Margins(bottom: 0);
        TimeAxis(plot, times.Min() - pad, times.Max() + pad);
        return Svg(plot, 260);
    }

    private static void AddRuns(Plot plot, JsonArray runs, string label, Color color)
    {
        if (runs.Count == 0)
        {
            return;
        }
        var scatter = plot.Add.Scatter(runs.Select(r => Time(r![0])).ToArray(), runs.Select(r => Num(r![1]) / 1000).ToArray(), color);
        scatter.LineWidth = 0;
        scatter.MarkerSize = 6;
        scatter.LegendText = label;
    }
}
