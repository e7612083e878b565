using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace DuckDetect.Tests.Support;

/// <summary>
/// A webhook receiver as docs/siem.md tells one to write it: it verifies X-DuckDetect-Signature (HMAC-SHA256 of
/// "timestamp.body" with the shared key, compared in constant time, the timestamp within 5 minutes), answers 401 to a
/// request that fails, and keeps each accepted record by its delivery key.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly string _key;

    public WebhookReceiver(string key)
    {
        _key = key;
        Server = new LocalReceiver(Accept);
    }

    public LocalReceiver Server { get; }

    public List<JsonObject> Records { get; } = [];

    public int Refused { get; private set; }

    private ReceiverReply Accept(ReceivedRequest request)
    {
        if (!Verify(request.Header("X-DuckDetect-Signature"), request.Body, _key, DateTimeOffset.UtcNow))
        {
            Refused++;
            return new ReceiverReply(401, "{\"error\":\"bad signature\"}");
        }
        Records.Add(JsonNode.Parse(request.Body)!.AsObject());
        return new ReceiverReply(200, "{\"received\":true}");
    }

    public static bool Verify(string? header, string body, string key, DateTimeOffset now)
    {
        var parts = (header ?? "").Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(t + "." + body));
        byte[] given;
        try
        {
            given = Convert.FromHexString(v1);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public void Dispose() => Server.Dispose();
}
