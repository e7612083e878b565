namespace DuckDetect.Core.Generate;

/// <summary>One rule of the manifest: its parameters, the background traffic measured against it, and every alert it must raise.</summary>
public sealed record ManifestRule
{
    /// <summary>The rule's id, as the alerts table's <c>rule_id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A short name: seed, credential_distributed, low_and_slow, baseline_break.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required RuleParameters Parameters { get; init; }

    public required BackgroundCheck Background { get; init; }

    /// <summary>Every alert the rule must raise on the generated events (the planted cases' and the background's), in window-end order.</summary>
    public required IReadOnlyList<ExpectedAlert> ExpectedAlerts { get; init; }
}
