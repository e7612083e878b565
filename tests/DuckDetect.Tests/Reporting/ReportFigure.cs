using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DuckDetect.Tests.Reporting;

/// <summary>
/// A chart of the report as a reader sees it: its figure's attributes, the texts of its SVG (title, axes, legend)
/// in document order, and its caption's text.
/// </summary>
public sealed partial record ReportFigure(IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Texts, string Caption)
{
    public string Kind => Attributes["data-chart"];

    public string? this[string attribute] => Attributes.GetValueOrDefault(attribute);

    public static List<ReportFigure> All(string html) =>
        FigureElement().Matches(html).Select(m => new ReportFigure(
            AttributePair().Matches(m.Groups[1].Value).ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value)),
            TextElement().Matches(m.Groups[2].Value).Select(t => WebUtility.HtmlDecode(t.Groups[1].Value).Trim()).ToList(),
            WebUtility.HtmlDecode(TagPattern().Replace(CaptionElement().Match(m.Groups[2].Value).Groups[1].Value, " "))))
        .ToList();

    /// <summary>Whether a text of the SVG (a title line, an axis or legend label) contains <paramref name="value"/>.</summary>
    public bool Shows(string value) => Texts.Any(t => t.Contains(value, StringComparison.Ordinal));

    /// <summary>
    /// The dates of the time axis' labels (UTC): a date (2026-03-02, or 03/02/2026 as ScottPlot writes by default),
    /// with the time of day of the label below it when there is one.
    /// </summary>
    public List<DateTime> AxisDates()
    {
        var dates = new List<DateTime>();
        for (var i = 0; i < Texts.Count; i++)
        {
            if (!DateTime.TryParseExact(Texts[i], ["yyyy-MM-dd", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                continue;
            }
            if (i + 1 < Texts.Count && TimeSpan.TryParseExact(Texts[i + 1], @"hh\:mm", CultureInfo.InvariantCulture, out var time))
            {
                date += time;
            }
            dates.Add(date);
        }
        return dates;
    }

    [GeneratedRegex("""<figure class="chart"([^>]*)>(.*?)</figure>""", RegexOptions.Singleline)]
    private static partial Regex FigureElement();

    [GeneratedRegex("\\s([\\w-]+)=\"([^\"]*)\"")]
    private static partial Regex AttributePair();

    [GeneratedRegex("""<text[^>]*>(.*?)</text>""", RegexOptions.Singleline)]
    private static partial Regex TextElement();

    [GeneratedRegex("""<figcaption>(.*?)</figcaption>""", RegexOptions.Singleline)]
    private static partial Regex CaptionElement();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
