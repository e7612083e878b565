using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Principals;

/// <summary>
/// The lookback of the principal views (docs/alerts.md): a length of time written as people write it (24h, 90m,
/// 7d, 1d12h), 24 hours unless an option or <c>$DUCKDETECT_PRINCIPAL_LOOKBACK</c> sets another.
/// </summary>
public static partial class PrincipalLookback
{
    public const string EnvironmentVariable = "DUCKDETECT_PRINCIPAL_LOOKBACK";

    public const int DefaultMinutes = 24 * 60;

    /// <summary>The longest lookback: a year and a day.</summary>
    public const int MaxMinutes = 366 * 24 * 60;

    /// <summary>
    /// The lookback in minutes: <paramref name="value"/> (the command's <paramref name="option"/>), else the
    /// environment variable, else 24 hours.
    /// </summary>
    public static int Resolve(string? value, string option)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Parse(value, option);
        }
        return Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } environment
            ? Parse(environment, "$" + EnvironmentVariable)
            : DefaultMinutes;
    }

    /// <summary>A length such as 24h, 90m, 7d or 1d12h, in minutes; anything else is invalid (exit 64).</summary>
    public static int Parse(string value, string option)
    {
        var match = LengthPattern().Match(value.Trim().ToLowerInvariant());
        if (!match.Success || match.Groups.Cast<Group>().Skip(1).All(g => !g.Success))
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"{option} '{value}' is not a length of time: use minutes, hours or days such as 90m, 24h, 7d or 1d12h");
        }
        long Part(int group, long minutes) =>
            match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) * minutes : 0;
        var total = Part(1, 24 * 60) + Part(2, 60) + Part(3, 1);
        if (total < 1 || total > MaxMinutes)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments,
                $"{option} '{value}' is out of range: a lookback is at least a minute and at most 366 days");
        }
        return (int)total;
    }

    /// <summary>The lookback as people read it: "24 hours", "90 minutes", "7 days", "36 hours".</summary>
    public static string Describe(int minutes) => minutes switch
    {
        _ when minutes % (24 * 60) == 0 && minutes >= 7 * 24 * 60 => Plural(minutes / (24 * 60), "day"),
        _ when minutes % 60 == 0 => Plural(minutes / 60, "hour"),
        _ => Plural(minutes, "minute"),
    };

    private static string Plural(int value, string unit) =>
        value == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{value:#,0} {unit}s");

    [GeneratedRegex(@"^(?:(\d{1,6})d)?(?:(\d{1,7})h)?(?:(\d{1,9})m)?$")]
    private static partial Regex LengthPattern();
}
