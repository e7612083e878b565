using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>What to evaluate: window ends E with From &lt; E &lt;= To, and with which settings.</summary>
public sealed record DetectRequest
{
    /// <summary>Exclusive lower bound of window ends; default: the rule's checkpoint, else the first event.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Inclusive upper bound of window ends; default: now, floored to the interval.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Settings that differ from the rule definition (what-if runs); null for production.</summary>
    public RuleSettings? Settings { get; init; }

    /// <summary>The clock: now, in UTC.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
