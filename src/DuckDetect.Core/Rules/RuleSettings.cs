using System.Globalization;

namespace DuckDetect.Core.Rules;

/// <summary>The tunable numbers of a rule: threshold, window width, evaluation interval, suppression duration.</summary>
public sealed record RuleSettings(long Threshold, int WindowMinutes, int IntervalMinutes, int SuppressionMinutes)
{
    /// <summary>Throws <see cref="FailureKind.InvalidArguments"/> when the settings cannot define hopping windows.</summary>
    public RuleSettings Validate()
    {
        Require(Threshold >= 1, "the threshold must be at least 1");
        Require(IntervalMinutes >= 1, "the interval must be at least 1 minute");
        Require(WindowMinutes >= IntervalMinutes, "the window must be at least one interval wide");
        Require(WindowMinutes % IntervalMinutes == 0, "the window must be a whole number of intervals");
        Require(1440 % IntervalMinutes == 0 || IntervalMinutes % 1440 == 0, "the interval must divide a day (1, 2, 5, 10, 15, 30, 60... minutes)");
        Require(SuppressionMinutes >= 0, "the suppression duration cannot be negative");
        return this;
    }

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public TimeSpan Window => TimeSpan.FromMinutes(WindowMinutes);

    /// <summary><paramref name="time"/> floored to the interval grid (multiples of the interval since the Unix epoch).</summary>
    public DateTimeOffset Floor(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var step = Interval.Ticks;
        var floored = ticks - (((ticks % step) + step) % step);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + floored, TimeSpan.Zero);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold={Threshold} window={WindowMinutes}m interval={IntervalMinutes}m suppression={SuppressionMinutes}m");

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, message);
        }
    }
}
