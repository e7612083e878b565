using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DuckDetect.Tests.Support;

/// <summary>
/// A small HTTP proxy in front of the local S3 server that injects faults as S3 and the networks in front of it
/// produce them: 503 SlowDown, 500 InternalError, a connection reset (TCP RST) before any response, a body cut short
/// by a reset, a response that stalls, and 403 and 404 replies with S3's XML error bodies. Each fault applies to the
/// requests a rule matches, a number of times. It works on the bytes: each request is passed on as it came (its
/// Host header and signature untouched) on a connection of its own, and the server's response is passed back.
/// </summary>
public sealed class S3FaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly ConcurrentQueue<Rule> _rules = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public S3FaultProxy(string target)
    {
        var uri = new Uri(target);
        _target = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(AcceptAsync);
    }

    public enum Fault
    {
        SlowDown,
        InternalError,
        Reset,
        Truncate,
        Stall,
        AccessDenied,
        KmsAccessDenied,
        NoSuchKey,
    }

    public string Endpoint { get; }

    /// <summary>Requests seen, by "METHOD listing|object".</summary>
    public ConcurrentBag<string> Requests { get; } = [];

    /// <summary>Injects <paramref name="fault"/> into the next <paramref name="times"/> requests that <paramref name="matches"/> (method, path and query).</summary>
    public void Add(Fault fault, Func<string, string, bool> matches, int times = int.MaxValue) => _rules.Enqueue(new Rule(fault, matches, times));

    /// <summary>Faults on GETs of objects whose key contains <paramref name="keyPart"/>.</summary>
    public void OnObject(Fault fault, string keyPart, int times = int.MaxValue) =>
        Add(fault, (method, url) => method == "GET" && !url.Contains("list-type", StringComparison.Ordinal)
            && Uri.UnescapeDataString(url).Contains(keyPart, StringComparison.Ordinal), times);

    /// <summary>Faults on listings of buckets whose name contains <paramref name="bucketPart"/>.</summary>
    public void OnListing(Fault fault, string bucketPart, int times = int.MaxValue) =>
        Add(fault, (method, url) => method == "GET" && url.Contains("list-type", StringComparison.Ordinal)
            && url.Contains(bucketPart, StringComparison.Ordinal), times);

    public void Clear() => _rules.Clear();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    /// <summary>One request per connection: the response says <c>Connection: close</c>, so the client opens a new one.</summary>
    private async Task ServeAsync(Socket client)
    {
        using (client)
        {
            try
            {
                var request = await ReadMessageAsync(client);
                if (request is null)
                {
                    return;
                }
                var line = Encoding.ASCII.GetString(request.Value.Head).Split("\r\n")[0].Split(' ');
                var (method, url) = (line[0], line[1]);
                Requests.Add(method + (url.Contains("list-type", StringComparison.Ordinal) ? " listing" : " object"));
                var fault = Take(method, url);
                switch (fault)
                {
                    case Fault.SlowDown:
                        await ErrorAsync(client, 503, "Slow Down", "SlowDown", "Please reduce your request rate.");
                        return;
                    case Fault.InternalError:
                        await ErrorAsync(client, 500, "Internal Server Error", "InternalError", "We encountered an internal error. Please try again.");
                        return;
                    case Fault.AccessDenied:
                        await ErrorAsync(client, 403, "Forbidden", "AccessDenied", "Access Denied");
                        return;
                    case Fault.KmsAccessDenied:
                        await ErrorAsync(client, 403, "Forbidden", "AccessDenied",
                            "User: arn:aws:sts::111122223333:assumed-role/reader/x is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because no identity-based policy allows the kms:Decrypt action");
                        return;
                    case Fault.NoSuchKey:
                        await ErrorAsync(client, 404, "Not Found", "NoSuchKey", "The specified key does not exist.");
                        return;
                    case Fault.Reset:
                        Reset(client);
                        return;
                    case Fault.Stall:
                        await Task.Delay(TimeSpan.FromSeconds(5), _stop.Token);
                        Reset(client);
                        return;
                }
                using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await upstream.ConnectAsync(_target);
                await upstream.SendAsync(WithConnectionClose(request.Value.Head).Concat(request.Value.Body).ToArray());
                var response = await ReadMessageAsync(upstream) ?? throw new IOException("no response upstream");
                var head = WithConnectionClose(response.Head);
                if (fault == Fault.Truncate && response.Body.Length > 1)
                {
                    await client.SendAsync(head.Concat(response.Body[..(response.Body.Length / 2)]).ToArray());
                    Reset(client);
                    return;
                }
                await client.SendAsync(head.Concat(response.Body).ToArray());
                client.Shutdown(SocketShutdown.Both);
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the test ended.
            }
        }
    }

    /// <summary>Reads one HTTP message (headers, and a body of its Content-Length): null when the peer closed first.</summary>
    private static async Task<(byte[] Head, byte[] Body)?> ReadMessageAsync(Socket socket)
    {
        var data = new List<byte>();
        var buffer = new byte[1 << 16];
        int end;
        while ((end = IndexOf(data, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                return null;
            }
            data.AddRange(buffer.AsSpan(0, read));
        }
        var head = data.Take(end + 4).ToArray();
        var length = Encoding.ASCII.GetString(head).Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => long.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        while (data.Count - head.Length < length)
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                break;
            }
            data.AddRange(buffer.AsSpan(0, read));
        }
        return (head, data.Skip(head.Length).ToArray());
    }

    private static int IndexOf(List<byte> data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            var j = 0;
            while (j < pattern.Length && data[i + j] == pattern[j])
            {
                j++;
            }
            if (j == pattern.Length)
            {
                return i;
            }
        }
        return -1;
    }

    private static byte[] WithConnectionClose(byte[] head)
    {
        var lines = Encoding.ASCII.GetString(head).TrimEnd('\r', '\n').Split("\r\n")
            .Where(l => !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("Keep-Alive:", StringComparison.OrdinalIgnoreCase));
        return Encoding.ASCII.GetBytes(string.Join("\r\n", lines) + "\r\nConnection: close\r\n\r\n");
    }

    /// <summary>Closes the connection with a TCP reset.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private Fault? Take(string method, string url)
    {
        foreach (var rule in _rules)
        {
            if (rule.Matches(method, url) && rule.TryTake())
            {
                return rule.Fault;
            }
        }
        return null;
    }

    private static async Task ErrorAsync(Socket client, int status, string reason, string code, string message)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{WebUtility.HtmlEncode(message)}</Message><RequestId>FAULT</RequestId></Error>");
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/xml\r\nContent-Length: {body.Length}\r\nx-amz-request-id: FAULT\r\nConnection: close\r\n\r\n");
        await client.SendAsync(head.Concat(body).ToArray());
        client.Shutdown(SocketShutdown.Both);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private sealed class Rule(Fault fault, Func<string, string, bool> matches, int times)
    {
        private int _left = times;

        public Fault Fault { get; } = fault;

        public bool Matches(string method, string url) => matches(method, url);

        public bool TryTake() => Interlocked.Decrement(ref _left) >= 0;
    }
}
