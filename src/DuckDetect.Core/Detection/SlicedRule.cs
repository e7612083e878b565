using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>
/// A rule's spans to evaluate slice by slice, and what to do with each part of a span a slice reaches. A window's
/// events start <see cref="EventsBeforeMinutes"/> before the window does (a new-terms history, a sequence's span).
/// </summary>
internal sealed record SlicedRule(RuleDefinition Rule, RuleSettings Settings, IReadOnlyList<Span> Spans, Action<Span> Evaluate)
{
    public int EventsBeforeMinutes => Rule.IsThreshold ? 0 : Rule.LookbackMinutes(Settings);

    /// <summary>How far before a window's end its events reach.</summary>
    public int ReachMinutes => Settings.WindowMinutes + EventsBeforeMinutes;
}
