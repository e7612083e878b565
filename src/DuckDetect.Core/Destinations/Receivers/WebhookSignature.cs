using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// <c>X-DuckDetect-Signature: t=TIMESTAMP,v1=HEX</c>: HEX is the HMAC-SHA256, keyed with the destination's signing
/// key, of the Unix timestamp in seconds, a dot and the request body exactly as sent. A receiver recomputes it and
/// compares in constant time, and refuses a timestamp too far from its clock (a replayed request), docs/siem.md.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-DuckDetect-Signature";

    public static string Sign(string key, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
