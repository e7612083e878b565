using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Detection;

/// <summary>What to evaluate: window ends E with From &lt; E &lt;= To, and with which settings.</summary>
public sealed record DetectRequest
{
    /// <summary>Exclusive lower bound of window ends; default: the rule's checkpoint, else the first event.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Inclusive upper bound of window ends; default: now, floored to the interval.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Settings that differ from the rule definition (a what-if run of one rule); null for production.</summary>
    public RuleSettings? Settings { get; init; }

    /// <summary>Settings per rule id that differ from the definitions (what-if runs of several rules).</summary>
    public IReadOnlyDictionary<string, RuleSettings>? SettingsByRule { get; init; }

    /// <summary>The settings a rule runs with: its own in <see cref="SettingsByRule"/>, else <see cref="Settings"/>, else its definition's.</summary>
    public RuleSettings SettingsFor(RuleDefinition rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return SettingsByRule?.GetValueOrDefault(rule.Id) ?? Settings ?? rule.Settings;
    }

    /// <summary>Events a slice holds at most, instead of what the memory gives (tests cut a small range into many slices).</summary>
    internal long? SliceEvents { get; init; }

    /// <summary>The clock: now, in UTC.</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;
}
