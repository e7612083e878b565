namespace DuckDetect.Core.Generate;

/// <summary>The background traffic measured against the rule: it must raise nothing.</summary>
public sealed record BackgroundCheck
{
    /// <summary>The most successful calls any background (arn, account, model) has in one rule window.</summary>
    public required long MaxWindowCalls { get; init; }

    /// <summary>Alerts the background would raise: always 0 (generation fails otherwise).</summary>
    public required long Alerts { get; init; }
}
