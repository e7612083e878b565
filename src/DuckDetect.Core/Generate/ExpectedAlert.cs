namespace DuckDetect.Core.Generate;

/// <summary>
/// An alert a rule must open: its id, its window end, and the keys and calls of the candidate with the most calls at
/// that end (key columns the rule does not group by are null), as the alerts table holds them.
/// </summary>
public sealed record ExpectedAlert
{
    public required string RuleId { get; init; }

    public required string AlertId { get; init; }

    public required string WindowEnd { get; init; }

    /// <summary>Null for the credential-distributed rule (its alerts have no single principal; see <see cref="UserArns"/>).</summary>
    public string? UserArn { get; init; }

    public string? AccountId { get; init; }

    /// <summary>Null for an event rule's alert.</summary>
    public string? ModelId { get; init; }

    /// <summary>The source IP address, for the credential-distributed rule.</summary>
    public string? SourceIp { get; init; }

    /// <summary>The principals of a credential-distributed alert, sorted.</summary>
    public IReadOnlyList<string>? UserArns { get; init; }

    /// <summary>A threshold rule's calls (<c>inference_call_count</c>); an event rule's hits in the window (<c>event_count</c>).</summary>
    public required long Calls { get; init; }

    /// <summary>The access key, for a rule that groups by it (the long-term-key sequence).</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>The planted case the alert is about, or null for background traffic.</summary>
    public string? Case { get; init; }

    /// <summary>
    /// A threshold rule's alert: the invocation log records written for the successful calls of its opening window
    /// (0: none of them was logged, so its content signals must be unknown). Null for an event rule's alert.
    /// </summary>
    public long? InvocationRecords { get; init; }

    /// <summary>
    /// A threshold rule's alert: whether it must carry the probing verdict ("templated or repetitive probing
    /// pattern"): true for a prober whose calls were logged, false for the others and for an alert without invocation
    /// records. Null for an event rule's alert.
    /// </summary>
    public bool? ProbingVerdict { get; init; }
}
