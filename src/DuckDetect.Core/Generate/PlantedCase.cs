namespace DuckDetect.Core.Generate;

/// <summary>One planted case of the manifest and what each rule must do with it, computed from the written events.</summary>
public sealed record PlantedCase
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary><c>threshold</c> (a threshold rules' case), <c>campaign</c>, <c>fire</c> or <c>near_miss</c> (an event rule's).</summary>
    public required string Kind { get; init; }

    /// <summary>The event rule a fire or near-miss case is planted for; null for the others.</summary>
    public string? RuleId { get; init; }

    /// <summary>
    /// Per rule id: <c>alert</c>, <c>no_alert</c>, or <c>expected_false_positive</c> (benign, but the rule alerts).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Expected { get; init; }

    public required string Account { get; init; }

    public required IReadOnlyList<string> Regions { get; init; }

    /// <summary>The case's principal, or null when it spreads over several (see <see cref="PrincipalArns"/>).</summary>
    public string? PrincipalArn { get; init; }

    public required IReadOnlyList<string> PrincipalArns { get; init; }

    /// <summary>The model id as written in requestParameters, or null when the case calls several.</summary>
    public string? ModelId { get; init; }

    public required IReadOnlyList<string> ModelIds { get; init; }

    public required IReadOnlyList<string> EventNames { get; init; }

    /// <summary>The source IP addresses its calls come from.</summary>
    public required IReadOnlyList<string> SourceIps { get; init; }

    /// <summary>eventTime of the case's first event (ISO 8601, Z).</summary>
    public required string Start { get; init; }

    /// <summary>eventTime of the case's last event (ISO 8601, Z).</summary>
    public required string End { get; init; }

    public required long Calls { get; init; }

    public required long SuccessfulCalls { get; init; }

    /// <summary>The most successful calls one of its (arn, model) pairs has in one 60-minute window of the seed rule.</summary>
    public required long MaxWindowCalls { get; init; }

    /// <summary>
    /// What its invocation log records look like: <c>rag_service</c>, <c>eval_pipeline</c>, <c>samia_prober</c>,
    /// <c>template_prober</c> or <c>application</c>; null when it makes no logged inference call.
    /// </summary>
    public string? InvocationProfile { get; init; }

    /// <summary>The invocation log records written for its calls.</summary>
    public long InvocationRecords { get; init; }

    /// <summary>The alerts the rules must raise on it (every rule's, each with its rule id), in window-end order.</summary>
    public required IReadOnlyList<ExpectedAlert> ExpectedAlerts { get; init; }
}
