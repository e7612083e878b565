using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DuckDetect.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener), started by a test: it records every request and answers with
/// what <see cref="Respond"/> says, unless a scripted reply is queued (<see cref="Then"/>: a 429, a 500, a reply that
/// comes too late). The receivers of each protocol (webhook, Slack, PagerDuty, Elasticsearch, Security Hub) are built
/// on it. Stopped on dispose.
/// </summary>
public sealed class LocalReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceiverReply> _script = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _respond = new();

    public LocalReceiver(Func<ReceivedRequest, ReceiverReply> respond)
    {
        Respond = respond;
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, without a trailing slash.</summary>
    public string Url { get; }

    public Func<ReceivedRequest, ReceiverReply> Respond { get; set; }

    /// <summary>Every request received, in order, scripted replies included.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The requests answered by <see cref="Respond"/> (not by a script), in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Handled { get; } = new();

    /// <summary>Queues replies for the next requests, before <see cref="Respond"/> takes over again.</summary>
    public LocalReceiver Then(params ReceiverReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
        return this;
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body, DateTimeOffset.UtcNow);
            Requests.Enqueue(request);
            ReceiverReply reply;
            if (!_script.TryDequeue(out reply!))
            {
                lock (_respond)
                {
                    reply = Respond(request);
                    Handled.Enqueue(request);
                }
            }
            if (reply.Delay is { } delay)
            {
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            }
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }
            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The client went away (a timeout on its side) or the receiver stops.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}

/// <summary>A request as the receiver got it.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>What the receiver answers: a status, a body, headers, and how long it waits first.</summary>
public sealed record ReceiverReply(int Status, string Body = "", string ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null, TimeSpan? Delay = null)
{
    public static ReceiverReply TooManyRequests(int retryAfterSeconds) =>
        new(429, "{\"message\":\"rate limited\"}", Headers: new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static ReceiverReply ServerError => new(500, "{\"message\":\"internal error\"}");

    public static ReceiverReply Late(TimeSpan delay) => new(200, "{}", Delay: delay);
}
