namespace DuckDetect.Core.Destinations;

/// <summary>
/// What one try of sending a batch came to: accepted; a transient failure (a 429, a 5xx, a timeout, a refused
/// connection), worth a retry, perhaps after the receiver's Retry-After; or a rejection no retry can change.
/// Messages are for people and hold no secret (the caller passes them through its <see cref="Redactor"/> too).
/// </summary>
public sealed record SendOutcome(SendOutcomeKind Kind, string? Message = null, TimeSpan? RetryAfter = null, string? Reply = null)
{
    public static SendOutcome Accepted(string? reply = null) => new(SendOutcomeKind.Accepted, Reply: reply);

    public static SendOutcome Transient(string message, TimeSpan? retryAfter = null) => new(SendOutcomeKind.Transient, message, retryAfter);

    public static SendOutcome Rejected(string message) => new(SendOutcomeKind.Rejected, message);
}
