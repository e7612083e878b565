using System.Globalization;

namespace DuckDetect.Core;

/// <summary>Lengths of time as a person reads them: "40 seconds", "9.7 minutes", "6.5 hours", "279 days".</summary>
public static class Duration
{
    public static string Describe(double minutes) => minutes switch
    {
        double.PositiveInfinity => "never evaluated",
        < 1 => $"{Math.Round(minutes * 60):0} seconds",
        < 10 => Plural(minutes, "minute", "0.0"),
        < 90 => Plural(minutes, "minute", "0"),
        < 48 * 60 => Plural(minutes / 60, "hour", "0.0"),
        _ => Plural(minutes / 60 / 24, "day", "#,0"),
    };

    public static string Describe(TimeSpan span) => Describe(span.TotalMinutes);

    private static string Plural(double value, string unit, string format)
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return text == "1" || text == "1.0" ? $"{text} {unit}" : $"{text} {unit}s";
    }
}
