using System.Net;
using DuckDB.NET.Data;
using MaxMind.Db;

namespace DuckDetect.Core.Enrichment;

/// <summary>
/// Reads every network of a MaxMind DB (MaxMind.Db's reader) into the staging table <c>asn_stage_networks</c>, as
/// first and last address numbers (IPv4 as ::ffff:a.b.c.d). MaxMind's writer makes the IPv4 networks of an IPv6
/// database reachable under ::ffff:0:0/96, 2001::/32 (Teredo) and 2002::/16 (6to4) too: those mirrors are left out,
/// so each range is stored once. A network without an AS number is skipped; a database with no AS number at all is
/// not an ASN database. Any error of the reader (a corrupt tree or data section) is one error naming the file.
/// </summary>
public static class MmdbNetworks
{
    private static readonly UInt128 Ipv4Mapped = (UInt128)0xFFFF_0000_0000UL;

    public static MmdbSummary Stage(DuckDBConnection connection, AsnFile file, int fileIndex)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var reader = file.Content is { } bytes ? new Reader(new MemoryStream(bytes)) : new Reader(file.Path, FileAccessMode.Memory);
            var metadata = reader.Metadata;
            var ipv4 = new Dictionary<(uint Start, int Prefix), (long Number, string? Organization)>();
            long line = 0, staged = 0, withoutNumber = 0;
            using (var appender = connection.CreateAppender("temp", "main", "asn_stage_networks"))
            {
                foreach (var node in reader.FindAll<AsnRecord>())
                {
                    line++;
                    if (node.Data?.Number is not { } number || number < 0 || number > uint.MaxValue)
                    {
                        withoutNumber++;
                        continue;
                    }
                    var organization = node.Data.Organization;
                    var address = node.Start.GetAddressBytes();
                    UInt128 start;
                    int hostBits;
                    if (address.Length == 4)
                    {
                        var v4 = (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(address));
                        ipv4[(v4, node.PrefixLength)] = (number, organization);
                        start = Ipv4Mapped + v4;
                        hostBits = 32 - node.PrefixLength;
                    }
                    else
                    {
                        if (IsMirror(address, node.PrefixLength, number, organization, ipv4))
                        {
                            continue;
                        }
                        start = new UInt128(ReadUInt64(address, 0), ReadUInt64(address, 8));
                        hostBits = 128 - node.PrefixLength;
                    }
                    var end = hostBits >= 128 ? UInt128.MaxValue : start + ((UInt128.One << hostBits) - 1);
                    appender.CreateRow()
                        .AppendValue(fileIndex)
                        .AppendValue(line)
                        .AppendValue((ulong)(start >> 64))
                        .AppendValue((ulong)start)
                        .AppendValue((ulong)(end >> 64))
                        .AppendValue((ulong)end)
                        .AppendValue(number)
                        .AppendValue(organization)
                        .EndRow();
                    staged++;
                }
            }
            if (staged == 0)
            {
                throw AsnFileSniffer.Bad(file.Path,
                    $"a MaxMind DB of type {metadata.DatabaseType} whose {line} network(s) have no AS number (autonomous_system_number): not an ASN database");
            }
            var description = string.Join("; ", new[] { metadata.DatabaseType }.Concat(metadata.Description.Values).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct());
            return new MmdbSummary(staged, withoutNumber, description, metadata.BuildDate);
        }
        catch (Exception ex) when (ex is not DuckDetectException and not OutOfMemoryException and not DuckDBException)
        {
            throw AsnFileSniffer.Bad(file.Path, $"not a readable MaxMind DB: {ex.Message.Split('\n')[0]}");
        }
    }

    /// <summary>
    /// Whether an IPv6 network is MaxMind's mirror of an IPv4 network (same range, same data): under
    /// ::ffff:0:0/96, 2001::/32 (the IPv4 in bits 32-63) or 2002::/16 (bits 16-47).
    /// </summary>
    private static bool IsMirror(byte[] address, int prefix, long number, string? organization,
        Dictionary<(uint Start, int Prefix), (long Number, string? Organization)> ipv4)
    {
        int at;
        if (prefix >= 96 && address.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF)
        {
            at = 12;
        }
        else if (prefix >= 32 && address is [0x20, 0x01, 0x00, 0x00, ..])
        {
            at = 4;
        }
        else if (prefix >= 16 && address is [0x20, 0x02, ..])
        {
            at = 2;
        }
        else
        {
            return false;
        }
        var v4Prefix = prefix - (at * 8);
        if (v4Prefix > 32)
        {
            return false;
        }
        var v4 = (uint)((address[at] << 24) | (address[at + 1] << 16) | (address[at + 2] << 8) | address[at + 3]);
        return ipv4.TryGetValue((v4, v4Prefix), out var data) && data.Number == number && data.Organization == organization;
    }

    private static ulong ReadUInt64(byte[] bytes, int offset) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(offset, 8));
}
