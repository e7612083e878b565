namespace DuckDetect.Core.Generate;

/// <summary>
/// The manifest's account of the Bedrock model invocation logs written beside the CloudTrail (under
/// <c>AWSLogs/&lt;account&gt;/BedrockModelInvocationLogs/</c>): the planted principals' calls, with the request ids of
/// their CloudTrail events.
/// </summary>
public sealed record InvocationLogSummary
{
    /// <summary>False when <c>generate --no-invocation-logs</c> left them out.</summary>
    public required bool Written { get; init; }

    public required int Files { get; init; }

    public required long Records { get; init; }

    /// <summary>Where logging stops midway while CloudTrail inference calls continue.</summary>
    public required IReadOnlyList<InvocationLoggingStop> LoggingStops { get; init; }
}
