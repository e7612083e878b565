namespace DuckDetect.Core.Generate;

/// <summary>
/// Where the generated Bedrock model invocation logs stop while CloudTrail still shows inference calls: from
/// <see cref="StoppedAt"/> on, in an account and region, for every principal or for one planted case's.
/// </summary>
public sealed record InvocationLoggingStop
{
    public required string AccountId { get; init; }

    public required string Region { get; init; }

    /// <summary>The planted case whose calls stop being logged; null when the whole account and region stops.</summary>
    public string? Case { get; init; }

    /// <summary>ISO 8601, Z: calls at or after it have no invocation record.</summary>
    public required string StoppedAt { get; init; }

    public required string Reason { get; init; }
}
