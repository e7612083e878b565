using System.Net;
using Amazon.Runtime;

namespace DuckDetect.Core.Destinations.SecurityHub;

/// <summary>A Security Hub error reply: its HTTP status, error code (LimitExceededException...), message and Retry-After.</summary>
public sealed class SecurityHubError(string message, Exception? inner, string? code, string? requestId, HttpStatusCode status, string? retryAfter)
    : AmazonServiceException(message, inner, ErrorType.Unknown, code, requestId, status)
{
    public string? RetryAfter { get; } = retryAfter;
}
