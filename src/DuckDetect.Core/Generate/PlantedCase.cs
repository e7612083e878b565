namespace DuckDetect.Core.Generate;

/// <summary>One planted case of the manifest and what the rule must do with it, computed from the written events.</summary>
public sealed record PlantedCase
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary><c>alert</c>, <c>no_alert</c>, or <c>expected_false_positive</c> (benign, but the rule alerts).</summary>
    public required string Expected { get; init; }

    public required string Account { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The case's principal, or null when it spreads over several (see <see cref="PrincipalArns"/>).</summary>
    public string? PrincipalArn { get; init; }

    public required IReadOnlyList<string> PrincipalArns { get; init; }

    /// <summary>The model id as written in requestParameters, or null when the case calls several.</summary>
    public string? ModelId { get; init; }

    public required IReadOnlyList<string> ModelIds { get; init; }

    public required IReadOnlyList<string> EventNames { get; init; }

    /// <summary>eventTime of the case's first event (ISO 8601, Z).</summary>
    public required string Start { get; init; }

    /// <summary>eventTime of the case's last event (ISO 8601, Z).</summary>
    public required string End { get; init; }

    public required long Calls { get; init; }

    public required long SuccessfulCalls { get; init; }

    /// <summary>The most successful calls one of its (arn, model) pairs has in one rule window.</summary>
    public required long MaxWindowCalls { get; init; }

    public required IReadOnlyList<string> ExpectedAlertWindowEnds { get; init; }

    public required IReadOnlyList<ExpectedAlert> ExpectedAlerts { get; init; }
}
