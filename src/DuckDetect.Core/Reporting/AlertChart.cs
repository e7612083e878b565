using ScottPlot;
using static DuckDetect.Core.Reporting.ChartKit;

namespace DuckDetect.Core.Reporting;

/// <summary>
/// The chart of one subject's alerts (a principal's, or a source IP's for a rule with no single principal) of the
/// rules that count the same windows: calls per interval bucket as bars (all models; a source IP's stacked by
/// principal), the calls of the window ending with each bucket per model as lines, each rule's own threshold as a
/// dashed line in the rule's colour with its name (a baseline rule's per alert: the greater of its floor and factor
/// times the alert's baseline), and each alert's windows shaded in its rule's colour. A rule with an hour cap (every
/// hour under it) draws its hourly bars and the cap on a right axis of their own.
/// </summary>
internal static class AlertChart
{
    /// <summary>Beyond this many buckets a chart draws its lines without the bars.</summary>
    private const int MaxBars = 600;

    /// <summary>The models' window lines: Category10 without its orange, red, purple and brown (rules' colours).</summary>
    private static readonly Color[] ModelColours = [Category10[0], Category10[2], Category10[9], Category10[8], Category10[6], Category10[7]];

    public static ChartDrawing Draw(AlertChartView view)
    {
        var plot = NewPlot(AlertChartText.Title(view), "calls");
        plot.Axes.Title.Label.FontSize = 13;
        var legend = new List<LegendItem>();
        var capped = view.CappedRule;
        ShadeWindows(plot, view);
        var barsHigh = view.BySource ? StackedBars(plot, view, legend) : Bars(plot, view, legend);
        var linesHigh = WindowLines(plot, view, legend);
        var thresholdsHigh = Thresholds(plot, view, legend);
        var capHigh = capped is null ? 0 : HourCap(plot, capped, legend);
        foreach (var rule in view.Rules.Where(r => !view.Windows.Any(w => w.RuleId == r.RuleId && w.ComparedWith is not null)))
        {
            legend.Add(new LegendItem { LabelText = $"alert windows: {rule.Name}", FillColor = RuleColour(rule.RuleId).WithAlpha(0.25) });
        }
        plot.Legend.ManualItems.AddRange(legend);
        LegendBelow(plot);
        TimeAxis(plot, view.From, view.To);
        // room for the last date label at the right edge
        plot.Axes.Right.MinimumSize = 40;
        if (capped is not null)
        {
            // hourly bars and their cap on the right, the cap at mid-height: apart from the threshold's line at the top
            plot.Axes.Right.Label.Text = $"calls per {Per(view.IntervalMinutes)}";
            plot.YLabel($"calls in the {Length(view.WindowMinutes)} window");
            plot.Axes.SetLimitsY(0, Math.Max(Math.Max(barsHigh, capHigh), 1) * 2, plot.Axes.Right);
            plot.Axes.SetLimitsY(0, Math.Max(Math.Max(linesHigh, thresholdsHigh), 1) * 1.15, plot.Axes.Left);
        }
        else
        {
            plot.Axes.SetLimitsY(0, new[] { barsHigh, linesHigh, thresholdsHigh, 1 }.Max() * 1.15, plot.Axes.Left);
        }
        return new ChartDrawing(Svg(plot, 290 + LegendHeight(legend)), view.Points);
    }

    /// <summary>The cap every bucket of a rule stays under (its hour_cap), dotted on the right axis; returns it.</summary>
    private static double HourCap(Plot plot, ChartRule rule, List<LegendItem> legend)
    {
        var cap = rule.Setting("hour_cap")!.Value;
        var colour = RuleColour(rule.RuleId);
        var line = plot.Add.HorizontalLine(cap, 2, colour, LinePattern.Dotted);
        line.Axes.YAxis = plot.Axes.Right;
        line.LegendText = "";
        legend.Add(new LegendItem { LabelText = $"hour cap {Count(cap)} (right axis), every hour under it: {rule.Name}", LineColor = colour, LineWidth = 2, LinePattern = LinePattern.Dotted });
        return cap;
    }

    private static void ShadeWindows(Plot plot, AlertChartView view)
    {
        foreach (var window in view.Windows)
        {
            var span = plot.Add.HorizontalSpan(window.Start, window.End, RuleColour(window.RuleId).WithAlpha(0.13));
            span.LegendText = "";
        }
    }

    /// <summary>A principal's calls per bucket, all models together; returns the highest bar.</summary>
    private static double Bars(Plot plot, AlertChartView view, List<LegendItem> legend)
    {
        var perBucket = new SortedDictionary<double, double>();
        foreach (var model in view.Series)
        {
            foreach (var point in model.Points)
            {
                perBucket[point.Start] = perBucket.GetValueOrDefault(point.Start) + point.Calls;
            }
        }
        if (perBucket.Count is 0 or > MaxBars)
        {
            return 0;
        }
        var colour = Colors.SteelBlue.WithAlpha(0.55);
        var bars = plot.Add.Bars(perBucket.Select(p => Bar(view, p.Key, 0, p.Value, colour)).ToList());
        bars.Axes.YAxis = view.CappedRule is null ? plot.Axes.Left : plot.Axes.Right;
        var axis = view.CappedRule is null ? "" : ", right axis";
        legend.Add(new LegendItem { LabelText = $"calls per {Per(view.IntervalMinutes)} (all models{axis})", FillColor = colour });
        return perBucket.Values.Max();
    }

    /// <summary>A source IP's calls per bucket inside its alerts' windows, stacked by principal; returns the highest stack.</summary>
    private static double StackedBars(Plot plot, AlertChartView view, List<LegendItem> legend)
    {
        var stacked = new Dictionary<double, double>();
        if (view.Stacks.SelectMany(s => s.Points).Select(p => p.Start).Distinct().Count() > MaxBars)
        {
            return 0;
        }
        var bars = new List<Bar>();
        for (var i = 0; i < view.Stacks.Count; i++)
        {
            var stack = view.Stacks[i];
            var colour = Category10[i % Category10.Length].WithAlpha(0.7);
            foreach (var point in stack.Points)
            {
                var below = stacked.GetValueOrDefault(point.Start);
                bars.Add(Bar(view, point.Start, below, below + point.Calls, colour));
                stacked[point.Start] = below + point.Calls;
            }
            legend.Add(new LegendItem { LabelText = stack.Label, FillColor = colour });
        }
        plot.Add.Bars(bars);
        return stacked.Count == 0 ? 0 : stacked.Values.Max();
    }

    private static Bar Bar(AlertChartView view, double start, double from, double to, Color colour) => new()
    {
        Position = start + (Days(view.IntervalMinutes) / 2),
        ValueBase = from,
        Value = to,
        FillColor = colour,
        LineWidth = 0,
        Size = Days(view.IntervalMinutes) * 0.9,
    };

    /// <summary>The calls of the window ending with each bucket, per model, a line per stretch of buckets; returns the highest.</summary>
    private static double WindowLines(Plot plot, AlertChartView view, List<LegendItem> legend)
    {
        var highest = 0.0;
        for (var i = 0; i < view.Series.Count; i++)
        {
            var model = view.Series[i];
            var colour = view.BySource ? (i == 0 ? Colors.Black : ModelColours[(i - 1) % ModelColours.Length]) : ModelColours[i % ModelColours.Length];
            foreach (var stretch in model.Stretches(view.IntervalMinutes))
            {
                // a bucket's window ends with the bucket's end
                var line = plot.Add.ScatterLine(stretch.Select(p => p.Start + Days(view.IntervalMinutes)).ToArray(), stretch.Select(p => p.WindowCalls).ToArray(), colour);
                line.LineWidth = 2;
                line.LegendText = "";
            }
            var whose = view.BySource ? "the source IP's calls" : "calls";
            legend.Add(new LegendItem { LabelText = $"{whose} of the {Length(view.WindowMinutes)} window ending there: {model.Label}", LineColor = colour, LineWidth = 2 });
            highest = Math.Max(highest, model.Points.Max(p => p.WindowCalls));
        }
        return highest;
    }

    /// <summary>Each rule's threshold, labelled with its name; returns the highest.</summary>
    private static double Thresholds(Plot plot, AlertChartView view, List<LegendItem> legend)
    {
        var highest = 0.0;
        foreach (var rule in view.Rules)
        {
            var colour = RuleColour(rule.RuleId);
            var windows = view.Windows.Where(w => w.RuleId == rule.RuleId && w.ComparedWith is not null).ToList();
            if (windows.Count == 0)
            {
                continue;
            }
            if (windows.Select(w => w.ComparedWith).Distinct().Count() == 1)
            {
                var line = plot.Add.HorizontalLine(windows[0].ComparedWith!.Value, 2, colour, LinePattern.Dashed);
                line.LegendText = "";
            }
            else
            {
                // a baseline rule's threshold differs from alert to alert: each over the windows it applied to
                foreach (var window in windows)
                {
                    var segment = plot.Add.ScatterLine(new[] { window.Start, window.End }, new[] { window.ComparedWith!.Value, window.ComparedWith.Value }, colour);
                    segment.LineWidth = 2;
                    segment.LinePattern = LinePattern.Dashed;
                    segment.LegendText = "";
                }
            }
            // one item per rule: its threshold's dashes over its alert windows' shade
            legend.Add(new LegendItem { LabelText = AlertChartText.ThresholdLabel(rule, windows), LineColor = colour, LineWidth = 2, FillColor = colour.WithAlpha(0.25) });
            highest = Math.Max(highest, windows.Max(w => w.ComparedWith!.Value));
        }
        return highest;
    }

    /// <summary>The legend's height under the plot: its items side by side, wrapped at the chart's width.</summary>
    private static int LegendHeight(List<LegendItem> legend)
    {
        var rows = 1;
        var used = 0.0;
        foreach (var width in legend.Select(i => 44 + (6.8 * (i.LabelText ?? "").Length)))
        {
            if (used > 0 && used + width > Width - 60)
            {
                rows++;
                used = 0;
            }
            used += width;
        }
        return 16 + (21 * rows);
    }

    private static string Per(long minutes) => minutes == 60 ? "hour" : Length(minutes);
}
