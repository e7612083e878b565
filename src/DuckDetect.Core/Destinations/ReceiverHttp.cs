using System.Net;
using System.Net.Sockets;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// The HTTP side of the receivers that speak HTTP themselves (webhook, Slack, PagerDuty, Elasticsearch): one client
/// for the process, no redirects followed (a receiver's URL is meant as given, and a redirect could send a signed
/// body elsewhere), a timeout per request, and each reply classified as accepted, worth a retry, or rejected.
/// </summary>
public static class ReceiverHttp
{
    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public const string UserAgent = "duckdetect/1.0";

    /// <summary>
    /// Sends a request built by <paramref name="request"/> and reads the reply; <paramref name="accept"/> judges a 2xx
    /// reply's body (Elasticsearch's per-item errors). Timeouts and connection failures are transient.
    /// </summary>
    public static async Task<SendOutcome> SendAsync(Func<HttpRequestMessage> request, TimeSpan timeout, CancellationToken cancel,
        Func<string, SendOutcome>? accept = null)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timer.CancelAfter(timeout);
        try
        {
            using var message = request();
            message.Headers.UserAgent.ParseAdd(UserAgent);
            using var response = await Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timer.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timer.Token).ConfigureAwait(false);
            return Classify(response, body, accept);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return SendOutcome.Transient($"no reply within --timeout {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
            return SendOutcome.Transient($"the connection failed ({reason})");
        }
    }

    private static SendOutcome Classify(HttpResponseMessage response, string body, Func<string, SendOutcome>? accept)
    {
        var status = (int)response.StatusCode;
        var reply = $"HTTP {status}{Excerpt(body)}";
        if (response.IsSuccessStatusCode)
        {
            return accept is null ? SendOutcome.Accepted(reply) : accept(body);
        }
        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500)
        {
            return SendOutcome.Transient($"the receiver replied {reply}", RetryAfter.From(response, DateTimeOffset.UtcNow));
        }
        return status is >= 300 and < 400
            ? SendOutcome.Rejected($"the receiver redirected (HTTP {status}); give the URL it redirects to")
            : SendOutcome.Rejected($"the receiver refused the request: {reply}");
    }

    /// <summary>The start of a reply's body, on one line: receivers explain a refusal there.</summary>
    public static string Excerpt(string body)
    {
        var line = string.Join(' ', body.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length == 0 ? "" : ": " + (line.Length > 300 ? line[..300] + "…" : line);
    }
}
