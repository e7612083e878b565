using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;
using ScottPlot;

namespace DuckDetect.Core.Reporting;

/// <summary>What the report's charts share: the plot's frame, its time axis, the values read from the report's JSON, SVG.</summary>
internal static class ChartKit
{
    public const int Width = 1100;

    public static readonly Color[] Category10 = new ScottPlot.Palettes.Category10().Colors;

    /// <summary>
    /// Each rule's colour in every chart (its alerts per day, threshold and alert windows), in catalog order: eight
    /// strong colours for the first rules, then Tsitsulin's 25 distinct colours, so that no two of the catalog's rules
    /// share one (with 23 rules, eight colours repeated: one colour named three rules in the alerts-per-day legend), then
    /// seven more of the named colours for the rules over invocation logs (36 rules, 40 colours).
    /// </summary>
    private static readonly Color[] RuleColours =
        [Colors.Crimson, Colors.DarkViolet, Colors.SaddleBrown, Colors.DarkOrange, Colors.Teal, Colors.DeepPink, Colors.Olive, Colors.Navy,
         .. new ScottPlot.Palettes.Tsitsulin().Colors,
         Colors.DarkGreen, Colors.SteelBlue, Colors.DarkGoldenRod, Colors.Indigo, Colors.Maroon, Colors.DarkSlateGray, Colors.Chocolate];

    static ChartKit()
    {
        Fonts.Default = "DejaVu Sans";
    }

    public static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 15);
        plot.YLabel(yLabel);
        plot.Legend.IsVisible = true;
        plot.Legend.Alignment = Alignment.UpperLeft;
        return plot;
    }

    /// <summary>The rule's colour: by its place in the catalog, grey for a rule this build does not have.</summary>
    public static Color RuleColour(string ruleId)
    {
        var index = RuleCatalog.All.ToList().FindIndex(r => string.Equals(r.Id, ruleId, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? Colors.Gray : RuleColours[index % RuleColours.Length];
    }

    /// <summary>A legend under the plot, its items side by side in as many rows as they need.</summary>
    public static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.Legend.TightHorizontalWrapping = true;
    }

    /// <summary>
    /// A UTC date axis over exactly [<paramref name="from"/>, <paramref name="to"/>] (OLE automation days), labelled
    /// 2026-03-02 and 14:30 below it: never the axis ScottPlot picks for a plot without data (December 1899).
    /// </summary>
    public static void TimeAxis(Plot plot, double from, double to)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            ticks.LabelFormatter = t => t.TimeOfDay == TimeSpan.Zero
                ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : t.ToString("yyyy-MM-dd'\n'HH:mm", CultureInfo.InvariantCulture);
        }
        plot.Axes.SetLimitsX(from, to);
    }

    /// <summary>Epoch seconds as ScottPlot's date axis takes them (OLE automation days).</summary>
    public static double Time(JsonNode? epochSeconds) => DateTime.UnixEpoch.AddSeconds(Num(epochSeconds)).ToOADate();

    /// <summary>Minutes as OLE automation days.</summary>
    public static double Days(double minutes) => minutes / 1440;

    /// <summary>A JSON number as a double, whatever it was written from (a long set in C#, a parsed value).</summary>
    public static double Num(JsonNode? node) => double.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>A count or a setting as people write it: 2,000, 10, 0.5.</summary>
    public static string Count(double value) => value.ToString(value == Math.Floor(value) ? "#,0" : "#,0.##", CultureInfo.InvariantCulture);

    /// <summary>A window or bucket length: 10 min, 60 min, 24 h.</summary>
    public static string Length(long minutes) => minutes >= 120 && minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes} min";

    public static string Svg(Plot plot, int height)
    {
        var svg = plot.GetSvgXml(Width, height);
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
