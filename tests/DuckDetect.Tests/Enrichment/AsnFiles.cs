using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Numerics;
using System.Text;
using DuckDetect.Core.Enrichment;
using DuckDetect.Tests.Support;
using MaxMind.Db;

namespace DuckDetect.Tests.Enrichment;

/// <summary>
/// AS data files for the tests, all from MaxMind's test database (Enrichment/data/README.md): its networks as MaxMind's
/// own reader lists them (the IPv4 mirrors under ::ffff:0:0/96, 2001::/32 and 2002::/16 left out), the CSV files of
/// every format written from them, compressed forms, and broken files made from it. MaxMind's reader is the oracle:
/// what it finds for an address is what the lookup must give.
/// </summary>
public static class AsnFiles
{
    public static string Mmdb { get; } = Path.Combine(RepoPaths.Root, "tests", "DuckDetect.Tests", "Enrichment", "data", "GeoLite2-ASN-Test.mmdb");

    private static readonly Lazy<IReadOnlyList<Network>> All = new(ReadNetworks);

    /// <summary>The database's networks (182 IPv4, 230 IPv6), in address order.</summary>
    public static IReadOnlyList<Network> Networks => All.Value;

    /// <summary>asn load of <paramref name="paths"/> into the test's database (<paramref name="format"/> as --format).</summary>
    public static AsnLoadSummary Load(TempDatabase db, string[] paths, AsnFormat? format = null)
    {
        using var session = db.Open();
        return AsnLoader.Load(session, paths, format, DateTimeOffset.UtcNow, Core.NullStatusSink.Instance);
    }

    /// <summary>What MaxMind's reader finds for an address: (AS number, organization), both null when nothing.</summary>
    public static (long? Number, string? Organization) Find(string address)
    {
        using var reader = new Reader(Mmdb, FileAccessMode.Memory);
        var record = reader.Find<AsnRecord>(IPAddress.Parse(address));
        return record?.Number is { } n ? (n, record.Organization) : (null, null);
    }

    /// <summary>
    /// Addresses at every network's edges: its first and last, and the ones just before and after it; each once, none in
    /// the regions MaxMind's reader answers through the IPv4 mirrors.
    /// </summary>
    public static IReadOnlyList<string> EdgeAddresses() =>
        Networks.SelectMany(n => new[] { n.First - 1, n.First, n.Last, n.Last + 1 }.Select(v => (Value: v, n.Ipv4)))
            .Where(a => a.Value >= 0 && a.Value <= (a.Ipv4 ? uint.MaxValue : MaxIpv6))
            .Select(a => Text(a.Value, a.Ipv4))
            .Where(a => !InMirror(IPAddress.Parse(a)))
            .Distinct()
            .ToList();

    /// <summary>A CSV of ranges (first address, last address, AS number, organization), as ip-location-db writes it.</summary>
    public static string WriteRangesCsv(string path, bool header = false, IEnumerable<Network>? networks = null) =>
        Write(path, (header ? "ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization\n" : "") +
            string.Concat((networks ?? Networks).Select(n => $"{Text(n.First, n.Ipv4)},{Text(n.Last, n.Ipv4)},{n.Number},{Quote(n.Organization)}\n")));

    /// <summary>The ranges as numbers, IPv4 and IPv6 in two files (ip-location-db's -num files).</summary>
    public static (string Ipv4, string Ipv6) WriteNumbersCsv(string folder)
    {
        string Of(bool ipv4) => string.Concat(Networks.Where(n => n.Ipv4 == ipv4)
            .Select(n => $"{n.First},{n.Last},{n.Number},{Quote(n.Organization)}\n"));
        return (Write(Path.Combine(folder, "asn-ipv4-num.csv"), Of(true)), Write(Path.Combine(folder, "asn-ipv6-num.csv"), Of(false)));
    }

    /// <summary>The networks in CIDR notation with MaxMind's header (GeoLite2-ASN-Blocks CSV).</summary>
    public static string WriteNetworksCsv(string path) =>
        Write(path, "network,autonomous_system_number,autonomous_system_organization\n" +
            string.Concat(Networks.Select(n => $"{Text(n.First, n.Ipv4)}/{n.Prefix},{n.Number},{Quote(n.Organization)}\n")));

    public static string Gzip(string source, string path)
    {
        using (var input = File.OpenRead(source))
        using (var output = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            input.CopyTo(output);
        }
        return path;
    }

    /// <summary>The database inside a .tar.gz, as MaxMind ships GeoLite2 (a folder with the licence and the .mmdb).</summary>
    public static string TarGz(string path)
    {
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip))
        {
            var licence = new PaxTarEntry(TarEntryType.RegularFile, "GeoLite2-ASN_20260101/LICENSE.txt")
            {
                DataStream = new MemoryStream(Encoding.UTF8.GetBytes("test licence\n")),
            };
            tar.WriteEntry(licence);
            tar.WriteEntry(Mmdb, "GeoLite2-ASN_20260101/GeoLite2-ASN.mmdb");
        }
        return path;
    }

    /// <summary>A copy of the database changed by <paramref name="change"/>.</summary>
    public static string Altered(string path, Action<byte[]> change)
    {
        var bytes = File.ReadAllBytes(Mmdb);
        change(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Replaces every occurrence of <paramref name="from"/> with <paramref name="to"/> (same length).</summary>
    public static void Replace(byte[] bytes, string from, string to)
    {
        var (a, b) = (Encoding.ASCII.GetBytes(from), Encoding.ASCII.GetBytes(to));
        int at;
        while ((at = bytes.AsSpan().IndexOf(a)) >= 0)
        {
            b.CopyTo(bytes, at);
        }
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    private static string Quote(string? text) => text is null ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static readonly BigInteger MaxIpv6 = (BigInteger.One << 128) - 1;

    private static string Text(BigInteger value, bool ipv4)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var size = ipv4 ? 4 : 16;
        var padded = new byte[size];
        bytes.CopyTo(padded, size - bytes.Length);
        return new IPAddress(padded).ToString();
    }

    private static bool InMirror(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        return address.IsIPv4MappedToIPv6 || b is [0x20, 0x02, ..] || b is [0x20, 0x01, 0x00, 0x00, ..];
    }

    private static IReadOnlyList<Network> ReadNetworks()
    {
        using var reader = new Reader(Mmdb, FileAccessMode.Memory);
        return reader.FindAll<AsnRecord>()
            .Where(n => !InMirror(n.Start))
            .Select(n =>
            {
                var ipv4 = n.Start.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
                var first = new BigInteger(n.Start.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
                var size = BigInteger.One << ((ipv4 ? 32 : 128) - n.PrefixLength);
                return new Network(ipv4, first, first + size - 1, n.PrefixLength, n.Data.Number!.Value, n.Data.Organization);
            })
            .ToList();
    }

    /// <summary>One network of the database: its first and last address as numbers (IPv4 as 32-bit), AS number and organization.</summary>
    public sealed record Network(bool Ipv4, BigInteger First, BigInteger Last, int Prefix, long Number, string? Organization)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Text(First, Ipv4)}/{Prefix} AS{Number} {Organization}");
    }
}
