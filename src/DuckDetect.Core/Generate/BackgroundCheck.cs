namespace DuckDetect.Core.Generate;

/// <summary>The background (not planted) traffic measured against one rule.</summary>
public sealed record BackgroundCheck
{
    /// <summary>The most successful calls any background group has in one window of the rule.</summary>
    public required long MaxWindowCalls { get; init; }

    /// <summary>Alerts the background raises (listed among the rule's expected alerts, with no case).</summary>
    public required long Alerts { get; init; }

    /// <summary>Whether the background may raise alerts of this rule; when false, generation fails if it would.</summary>
    public required bool MayAlert { get; init; }

    /// <summary>Why the background may or may not alert.</summary>
    public required string Note { get; init; }
}
