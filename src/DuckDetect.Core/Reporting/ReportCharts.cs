using System.Text.Json.Nodes;
using ScottPlot;

namespace DuckDetect.Core.Reporting;

/// <summary>The report's charts, drawn with ScottPlot and written as inline SVG.</summary>
internal static class ReportCharts
{
    private const int Width = 1100;

    /// <summary>Beyond this many buckets a principal's chart draws its lines without the bars.</summary>
    private const int MaxBars = 600;

    private static readonly Color[] Palette = new ScottPlot.Palettes.Category10().Colors;

    static ReportCharts()
    {
        Fonts.Default = "DejaVu Sans";
    }

    /// <summary>Alerts per day, stacked by rule and triage status.</summary>
    public static string AlertsPerDay(JsonArray perDay, bool severalRules)
    {
        var plot = NewPlot("Alerts per day by triage status", "alerts");
        var keys = perDay.Select(r => Key(r!, severalRules)).Distinct().Order(StringComparer.Ordinal).ToList();
        var stacked = new Dictionary<double, double>();
        foreach (var row in perDay)
        {
            var day = DateTime.Parse((string)row!["day"]!, System.Globalization.CultureInfo.InvariantCulture).AddHours(12).ToOADate();
            var alerts = Num(row["alerts"]);
            var below = stacked.GetValueOrDefault(day);
            plot.Add.Bar(new Bar
            {
                Position = day,
                ValueBase = below,
                Value = below + alerts,
                FillColor = Palette[keys.IndexOf(Key(row, severalRules)) % Palette.Length],
                Size = 0.8,
            });
            stacked[day] = below + alerts;
        }
        foreach (var key in keys)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = key, FillColor = Palette[keys.IndexOf(key) % Palette.Length] });
        }
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Margins(bottom: 0);
        // a day either side, so that a single day is a bar and not the whole axis
        plot.Axes.SetLimitsX(stacked.Keys.Min() - 1, stacked.Keys.Max() + 1);
        return Svg(plot, 320);
    }

    /// <summary>
    /// A principal's calls per interval bucket (bars, all models), the calls of the window ending with each bucket
    /// per model (lines) against the threshold, and its alerts' windows shaded.
    /// </summary>
    public static string Principal(JsonNode chart, long threshold)
    {
        var plot = NewPlot($"{Html.Text(chart["user_arn"])} ({Html.Text(chart["account_id"])})", "calls");
        foreach (var window in chart["windows"]?.AsArray() ?? [])
        {
            var span = plot.Add.HorizontalSpan(Time(window!["start"]), Time(window["end"]), Colors.Orange.WithAlpha(0.18));
            span.LegendText = "";
        }
        var series = chart["series"]?.AsArray() ?? [];
        var perBucket = new SortedDictionary<double, double>();
        foreach (var model in series)
        {
            foreach (var point in model!["points"]!.AsArray())
            {
                var t = Time(point![0]);
                perBucket[t] = perBucket.GetValueOrDefault(t) + Num(point[1]);
            }
        }
        if (perBucket.Count is > 0 and <= MaxBars)
        {
            var bucketDays = perBucket.Count > 1 ? perBucket.Keys.Zip(perBucket.Keys.Skip(1), (a, b) => b - a).Min() : 1.0 / 144;
            var bars = perBucket.Select(p => new Bar { Position = p.Key + (bucketDays / 2), Value = p.Value, FillColor = Colors.SteelBlue.WithAlpha(0.55), Size = bucketDays * 0.9 }).ToList();
            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "calls per bucket (all models)", FillColor = Colors.SteelBlue.WithAlpha(0.55) });
        }
        var i = 0;
        foreach (var model in series)
        {
            var points = model!["points"]!.AsArray();
            // window_calls of a bucket is the window that ends with the bucket's end
            var xs = points.Select(p => Time(p![0]) + (1.0 / 144)).ToArray();
            var ys = points.Select(p => Num(p![2])).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette[i++ % Palette.Length]);
            line.LineWidth = 2;
            line.LegendText = $"window calls: {Html.Text(model["model_id"])}";
        }
        var limit = plot.Add.HorizontalLine(threshold, 2, Colors.Red, LinePattern.Dashed);
        limit.LegendText = $"threshold {threshold}";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "alert windows (opening window to the last folded)", FillColor = Colors.Orange.WithAlpha(0.18) });
        plot.Axes.DateTimeTicksBottom();
        // from 0 to above both the threshold and the busiest window, also when the alerts have no timeline
        var highest = series.SelectMany(m => m!["points"]!.AsArray()).Select(p => Num(p![2])).Append(threshold).Max();
        plot.Axes.SetLimitsY(0, highest * 1.15);
        return Svg(plot, 300);
    }

    /// <summary>The tuning curve: alerts and principals against the threshold, the current one marked.</summary>
    public static string TuningCurve(JsonNode tuning)
    {
        var plot = NewPlot($"Tuning curve: {Html.Text(tuning["rule_name"])}", "alerts on the history");
        var levels = tuning["thresholds"]?.AsArray() ?? [];
        var xs = levels.Select(l => Num(l!["threshold"])).ToArray();
        var alerts = plot.Add.Scatter(xs, levels.Select(l => Num(l!["alerts"])).ToArray(), Palette[0]);
        alerts.LegendText = "alerts";
        alerts.LineWidth = 2;
        alerts.MarkerSize = 8;
        var principals = plot.Add.Scatter(xs, levels.Select(l => Num(l!["principals"])).ToArray(), Palette[1]);
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
        AddRuns(plot, detectRuns, "detect runs", Palette[0]);
        AddRuns(plot, ingestRuns, "ingest runs", Palette[1]);
        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Margins(bottom: 0);
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

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.YLabel(yLabel);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        return plot;
    }

    private static string Key(JsonNode row, bool severalRules) =>
        severalRules ? $"{Html.Text(row["rule_id"])[..8]}… {Html.Text(row["status"])}" : Html.Text(row["status"]);

    /// <summary>Epoch seconds as ScottPlot's date axis takes them (OLE automation days).</summary>
    private static double Time(JsonNode? epochSeconds) =>
        DateTime.UnixEpoch.AddSeconds(Num(epochSeconds)).ToOADate();

    /// <summary>A JSON number as a double, whatever it was written from (a long set in C#, a parsed value).</summary>
    private static double Num(JsonNode? node) => double.Parse(node!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static string Svg(Plot plot, int height)
    {
        var svg = plot.GetSvgXml(Width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
