using System.Net.Http.Headers;

namespace DuckDetect.Core.Destinations;

/// <summary>A reply's Retry-After: seconds, or an HTTP date (RFC 9110), as a wait from now; null when absent.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now) => From(response.Headers.RetryAfter, now);

    public static TimeSpan? From(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>From a header's raw text (the AWS SDK hands headers over as text).</summary>
    public static TimeSpan? Parse(string? text, DateTimeOffset now) =>
        text is not null && RetryConditionHeaderValue.TryParse(text, out var header) ? From(header, now) : null;
}
