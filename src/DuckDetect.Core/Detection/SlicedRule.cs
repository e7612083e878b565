using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>
/// A rule's spans to evaluate slice by slice, and what to do with each part of a span a slice reaches. A window's
/// events start <see cref="EventsBeforeMinutes"/> before the window does: a sequence's span; for a new-terms rule the
/// rest of the hour its window starts in (its history before that hour is kept state, rule_term_hours). A threshold
/// rule reading a tally of whole hours from the kept hourly tally (<see cref="FromKeptHours"/>) reads no events of
/// its own beyond its windows' ends.
/// </summary>
internal sealed record SlicedRule(RuleDefinition Rule, RuleSettings Settings, IReadOnlyList<Span> Spans, Action<Span> Evaluate)
{
    public int EventsBeforeMinutes => Rule.IsThreshold ? 0 : Rule.NewTerms is not null ? 60 : Rule.LookbackMinutes(Settings);

    /// <summary>How far before a window's end its data reach.</summary>
    public int ReachMinutes => Settings.WindowMinutes + EventsBeforeMinutes;

    /// <summary>Whether its tally is read from the kept hourly tally (tally_hours), not from the slices' events.</summary>
    public bool FromKeptHours { get; init; }

    /// <summary>
    /// How far before a window's end the events the slices read for it reach: its data, or one interval when its tally
    /// comes from the kept hours (the slices must still hold its window ends).
    /// </summary>
    public int EventsReachMinutes => FromKeptHours ? Settings.IntervalMinutes : ReachMinutes;
}
