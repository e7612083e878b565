using System.Globalization;
using System.Text.RegularExpressions;

namespace DuckDetect.Core.Rules;

/// <summary>
/// The tunable numbers of a rule: threshold, window width, evaluation interval, suppression duration, and the rule's
/// own settings (<see cref="Extra"/>: minimum principals, minimum hours, baseline days, factor...), each bound as a
/// <c>$name</c> parameter of the rule's query.
/// </summary>
public sealed partial record RuleSettings(long Threshold, int WindowMinutes, int IntervalMinutes, int SuppressionMinutes)
{
    public RuleSettings(long threshold, int windowMinutes, int intervalMinutes, int suppressionMinutes, IReadOnlyDictionary<string, long> extra)
        : this(threshold, windowMinutes, intervalMinutes, suppressionMinutes)
    {
        Extra = extra;
    }

    /// <summary>The names <c>--set</c> accepts for the four settings every rule has.</summary>
    public static readonly IReadOnlyList<string> CommonNames = ["threshold", "window_minutes", "interval_minutes", "suppression_minutes"];

    public IReadOnlyDictionary<string, long> Extra { get; init; } = new Dictionary<string, long>();

    /// <summary>Throws <see cref="FailureKind.InvalidArguments"/> when the settings cannot define hopping windows.</summary>
    public RuleSettings Validate()
    {
        Require(Threshold >= 1, "the threshold must be at least 1");
        Require(IntervalMinutes >= 1, "the interval must be at least 1 minute");
        Require(WindowMinutes >= IntervalMinutes, "the window must be at least one interval wide");
        Require(WindowMinutes % IntervalMinutes == 0, "the window must be a whole number of intervals");
        Require(1440 % IntervalMinutes == 0 || IntervalMinutes % 1440 == 0, "the interval must divide a day (1, 2, 5, 10, 15, 30, 60... minutes)");
        Require(SuppressionMinutes >= 0, "the suppression duration cannot be negative");
        foreach (var (name, value) in Extra)
        {
            Require(SettingName().IsMatch(name), $"setting name '{name}' must be lower-case letters and '_'");
            Require(value >= 0 && value <= 1_000_000_000, $"setting {name} must be between 0 and 1000000000");
        }
        return this;
    }

    /// <summary>The value of a setting by its name (one of <see cref="CommonNames"/> or of <see cref="Extra"/>).</summary>
    public long Get(string name) => name switch
    {
        "threshold" => Threshold,
        "window_minutes" => WindowMinutes,
        "interval_minutes" => IntervalMinutes,
        "suppression_minutes" => SuppressionMinutes,
        _ => Extra.TryGetValue(name, out var v) ? v
            : throw new DuckDetectException(FailureKind.InvalidArguments, $"no setting named {name}; known: {string.Join(", ", Names)}"),
    };

    /// <summary>Every setting's name: the common four, then the rule's own.</summary>
    public IEnumerable<string> Names => CommonNames.Concat(Extra.Keys);

    /// <summary>These settings with one changed (what-if's <c>--set NAME=VALUE</c>); an unknown name is refused.</summary>
    public RuleSettings With(string name, long value)
    {
        _ = Get(name);
        return name switch
        {
            "threshold" => this with { Threshold = value },
            "window_minutes" => this with { WindowMinutes = checked((int)value) },
            "interval_minutes" => this with { IntervalMinutes = checked((int)value) },
            "suppression_minutes" => this with { SuppressionMinutes = checked((int)value) },
            _ => this with { Extra = new Dictionary<string, long>(Extra) { [name] = value } },
        };
    }

    /// <summary>Equal settings: the same four numbers and the same rule settings (in any order).</summary>
    public bool Equals(RuleSettings? other) =>
        other is not null && Threshold == other.Threshold && WindowMinutes == other.WindowMinutes
        && IntervalMinutes == other.IntervalMinutes && SuppressionMinutes == other.SuppressionMinutes
        && Extra.Count == other.Extra.Count
        && Extra.All(e => other.Extra.TryGetValue(e.Key, out var v) && v == e.Value);

    public override int GetHashCode() => HashCode.Combine(Threshold, WindowMinutes, IntervalMinutes, SuppressionMinutes, Extra.Count);

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

    /// <summary>As recorded in detect_runs.settings (a what-if file starts over when this differs).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"threshold={Threshold} window={WindowMinutes}m interval={IntervalMinutes}m suppression={SuppressionMinutes}m")
        + string.Concat(Extra.Select(e => string.Create(CultureInfo.InvariantCulture, $" {e.Key}={e.Value}")));

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DuckDetectException(FailureKind.InvalidArguments, message);
        }
    }

    [GeneratedRegex("^[a-z][a-z_]*$")]
    private static partial Regex SettingName();
}
