using System.Globalization;

namespace DuckDetect.Core;

/// <summary>Parses time options: ISO 8601 (<c>2026-03-02T01:20:00Z</c>; no offset means UTC) or a date (<c>2026-03-02</c>).</summary>
public static class TimeArgument
{
    public static DateTimeOffset? Parse(string? value, string option)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        throw new DuckDetectException(FailureKind.InvalidArguments,
            $"{option} '{value}' is not a time: use ISO 8601 such as 2026-03-02T01:20:00Z, or a date such as 2026-03-02");
    }
}
