using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>
/// A rule's spans to evaluate slice by slice, and what to do with each part of a span a slice reaches. A window's
/// events start <see cref="EventsBeforeMinutes"/> before the window does: a sequence's span; for a new-terms rule the
/// rest of the hour its window starts in (its history before that hour is kept state, rule_term_hours).
/// </summary>
internal sealed record SlicedRule(RuleDefinition Rule, RuleSettings Settings, IReadOnlyList<Span> Spans, Action<Span> Evaluate)
{
    public int EventsBeforeMinutes => Rule.IsThreshold ? 0 : Rule.NewTerms is not null ? 60 : Rule.LookbackMinutes(Settings);

    /// <summary>How far before a window's end its events reach.</summary>
    public int ReachMinutes => Settings.WindowMinutes + EventsBeforeMinutes;
}
