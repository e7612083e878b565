using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DuckDetect.Core.Exceptions;

/// <summary>
/// A CIDR (or one address) as the text exception matching compares: its family (<c>4</c> or <c>6</c>) then the
/// bits of its prefix as <c>0</c>/<c>1</c>. An address is inside when its own bits (<c>dd_ip_bits</c>) start
/// with it.
/// </summary>
public static class CidrPrefix
{
    public static string Parse(string cidr)
    {
        var text = cidr.Trim();
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            throw Bad(cidr, "not an IPv4 or IPv6 address");
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var maxPrefix = bytes.Length * 8;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix))
        {
            throw Bad(cidr, $"the prefix length must be a whole number from 0 to {maxPrefix}");
        }
        var bits = new StringBuilder(address.AddressFamily == AddressFamily.InterNetwork ? "4" : "6");
        foreach (var b in bytes)
        {
            bits.Append(Convert.ToString(b, 2).PadLeft(8, '0'));
        }
        if (bits.ToString(1 + prefix, maxPrefix - prefix).Contains('1', StringComparison.Ordinal))
        {
            throw Bad(cidr, $"it has bits set after its /{prefix} prefix; the network is {Network(bytes, prefix)}/{prefix}");
        }
        return bits.ToString(0, 1 + prefix);
    }

    private static string Network(byte[] bytes, int prefix)
    {
        var masked = bytes.Select((b, i) => (byte)(b & (byte)(0xFF << Math.Clamp(8 - (prefix - (i * 8)), 0, 8)))).ToArray();
        return new IPAddress(masked).ToString();
    }

    private static DuckDetectException Bad(string cidr, string why) =>
        new(FailureKind.InvalidArguments, $"'{cidr}' is not a valid CIDR: {why}");
}
