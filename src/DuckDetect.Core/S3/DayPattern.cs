using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.S3;

/// <summary>
/// How a date root's day prefixes are named, as a pattern with date placeholders, recognised from the root's
/// children: CloudTrail's <c>{yyyy}/{MM}/{dd}/</c> (a child <c>2026/</c>), Security Lake's
/// <c>eventDay={yyyyMMdd}/</c> (1.0: <c>eventHour={yyyyMMdd}</c>, the day's hours), and Hive partitions
/// (<c>year={yyyy}/month={MM}/day={dd}/</c>, <c>dt={yyyy-MM-dd}/</c>).
/// </summary>
internal sealed partial class DayPattern
{
    private static readonly (string Placeholder, string Format, string Regex)[] Placeholders =
    [
        ("{yyyy-MM-dd}", "yyyy-MM-dd", @"(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})"),
        ("{yyyyMMdd}", "yyyyMMdd", @"(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})"),
        ("{yyyy}", "yyyy", @"(?<y>\d{4})"),
        ("{MM}", "MM", @"(?<m>\d{2})"),
        ("{dd}", "dd", @"(?<d>\d{2})"),
    ];

    private readonly Regex _keyDay;

    public DayPattern(string pattern)
    {
        Pattern = pattern;
        var regex = Regex.Escape(pattern).Replace(@"\{", "{", StringComparison.Ordinal);
        foreach (var (placeholder, _, group) in Placeholders)
        {
            regex = regex.Replace(placeholder, group, StringComparison.Ordinal);
        }
        _keyDay = new Regex("^" + regex, RegexOptions.CultureInvariant);
    }

    public string Pattern { get; }

    /// <summary>The pattern of a root that has <paramref name="child"/> (a common prefix's last part, with its <c>/</c>), or null.</summary>
    public static DayPattern? ForChild(string child)
    {
        if (Year().Match(child) is { Success: true } year && int.Parse(year.Groups[1].Value, CultureInfo.InvariantCulture) is >= 1970 and < 3000)
        {
            return new DayPattern("{yyyy}/{MM}/{dd}/");
        }
        if (EventDay().IsMatch(child))
        {
            return new DayPattern("eventDay={yyyyMMdd}/");
        }
        if (EventHour().IsMatch(child))
        {
            return new DayPattern("eventHour={yyyyMMdd}");
        }
        if (HiveYear().IsMatch(child))
        {
            return new DayPattern("year={yyyy}/month={MM}/day={dd}/");
        }
        return HiveDate().Match(child) is { Success: true } date ? new DayPattern(date.Groups[1].Value + "={yyyy-MM-dd}/") : null;
    }

    /// <summary>The prefix (below the root) of the objects of <paramref name="day"/>.</summary>
    public string PrefixOf(DateOnly day)
    {
        var text = Pattern;
        foreach (var (placeholder, format, _) in Placeholders)
        {
            text = text.Replace(placeholder, day.ToString(format, CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The day of a key below the root (<paramref name="relativeKey"/>), or null when it is not under a day prefix.</summary>
    public DateOnly? DayOf(string relativeKey)
    {
        var match = _keyDay.Match(relativeKey);
        return match.Success && DateOnly.TryParseExact(
            match.Groups["y"].Value + match.Groups["m"].Value + match.Groups["d"].Value, "yyyyMMdd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }

    [GeneratedRegex(@"^(\d{4})/$")]
    private static partial Regex Year();

    [GeneratedRegex(@"^eventDay=\d{8}/$")]
    private static partial Regex EventDay();

    [GeneratedRegex(@"^eventHour=\d{10}/$")]
    private static partial Regex EventHour();

    [GeneratedRegex(@"^year=\d{4}/$")]
    private static partial Regex HiveYear();

    [GeneratedRegex(@"^([A-Za-z_]+)=\d{4}-\d{2}-\d{2}/$")]
    private static partial Regex HiveDate();
}
