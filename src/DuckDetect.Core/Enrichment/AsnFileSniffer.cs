using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;

namespace DuckDetect.Core.Enrichment;

/// <summary>
/// Recognises an AS data file by its content: a MaxMind DB by the metadata marker MaxMind's format ends with (in its
/// last 128 KiB); a CSV as text whose first data line has the fields of one of the CSV formats; either of them
/// gzip-compressed, and a MaxMind DB inside a .tar.gz (as MaxMind ships GeoLite2). Anything else is one clear error
/// naming the file.
/// </summary>
public static class AsnFileSniffer
{
    private static readonly byte[] MetadataMarker = [0xAB, 0xCD, 0xEF, .. "MaxMind.com"u8];
    private const int MetadataSearch = 128 * 1024;
    private const int HeadBytes = 64 * 1024;

    /// <summary>Recognises <paramref name="path"/>; <paramref name="expected"/> (mmdb or a CSV) when the user named the format.</summary>
    public static AsnFile Sniff(string path, AsnFormat? expected = null)
    {
        if (!File.Exists(path))
        {
            throw new DuckDetectException(FailureKind.NoInput, $"no file at {path}");
        }
        try
        {
            using var stream = File.OpenRead(path);
            var head = ReadUpTo(stream, HeadBytes);
            if (head.Length == 0)
            {
                throw Bad(path, "empty file");
            }
            return head is [0x1F, 0x8B, ..] ? SniffGzip(path, expected) : SniffPlain(path, stream, head, expected);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw Bad(path, ex.Message);
        }
    }

    private static AsnFile SniffPlain(string path, FileStream stream, byte[] head, AsnFormat? expected)
    {
        var length = stream.Length;
        stream.Position = Math.Max(0, length - MetadataSearch);
        var isMmdb = HasMarker(ReadUpTo(stream, MetadataSearch));
        if (expected == AsnFormat.Mmdb || (expected is null && isMmdb))
        {
            return isMmdb
                ? new AsnFile(path, AsnFormat.Mmdb, null, false, null)
                : throw Bad(path, "not a MaxMind DB: no metadata marker (\\xAB\\xCD\\xEFMaxMind.com) in its last 128 KiB; the file is truncated or of another kind");
        }
        return SniffCsv(path, head, null, expected is null);
    }

    private static AsnFile SniffGzip(string path, AsnFormat? expected)
    {
        byte[] head;
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            head = ReadUpTo(gzip, HeadBytes);
        }
        if (head.Length > 262 && Encoding.ASCII.GetString(head, 257, 5) == "ustar")
        {
            return FromTar(path);
        }
        if (LooksLikeText(head))
        {
            return expected == AsnFormat.Mmdb
                ? throw Bad(path, "not a MaxMind DB: gzip-compressed text")
                : SniffCsv(path, head, "gzip", false);
        }
        if (expected is { } csv && csv != AsnFormat.Mmdb)
        {
            throw Bad(path, "not a CSV text file: gzip-compressed binary data");
        }
        using var all = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
        {
            gzip.CopyTo(all);
        }
        var content = all.ToArray();
        return HasMarker(content.AsSpan(Math.Max(0, content.Length - MetadataSearch)))
            ? new AsnFile(path, AsnFormat.Mmdb, "gzip", false, content)
            : throw Bad(path, "gzip-compressed, but neither a MaxMind DB (no metadata marker) nor CSV text inside");
    }

    /// <summary>A .tar.gz (GeoLite2-ASN_DATE.tar.gz): the one .mmdb file in it.</summary>
    private static AsnFile FromTar(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        byte[]? content = null;
        string? found = null;
        while (tar.GetNextEntry() is { } entry)
        {
            if (!entry.Name.EndsWith(".mmdb", StringComparison.OrdinalIgnoreCase) || entry.DataStream is null)
            {
                continue;
            }
            if (found is not null)
            {
                throw Bad(path, $"a tar archive with more than one .mmdb file ({found}, {entry.Name}); give the one to load");
            }
            found = entry.Name;
            using var copy = new MemoryStream();
            entry.DataStream.CopyTo(copy);
            content = copy.ToArray();
        }
        return content is null
            ? throw Bad(path, "a tar archive without a .mmdb file")
            : new AsnFile(path, AsnFormat.Mmdb, "tar.gz", false, content);
    }

    /// <summary>
    /// A CSV: text, whose first data line has 4 fields (first and last address or address number, AS number,
    /// organization) or 3 (network in CIDR notation, AS number, organization). A first line that names columns
    /// instead is a header.
    /// </summary>
    private static AsnFile SniffCsv(string path, byte[] head, string? compression, bool guessed)
    {
        if (!LooksLikeText(head))
        {
            throw Bad(path, guessed
                ? "neither a MaxMind DB (no metadata marker in its last 128 KiB: truncated, or another kind of file) nor a CSV text file (it has NUL bytes or is not UTF-8)"
                : "not a CSV text file (it has NUL bytes or is not UTF-8)");
        }
        var lines = Encoding.UTF8.GetString(head).Split('\n').Select(l => l.TrimEnd('\r')).Take(3).ToList();
        var first = Fields(lines[0]);
        var header = first.Count > 0 && Kind(first[0]) is null;
        var data = header ? (lines.Count > 1 ? Fields(lines[1]) : []) : first;
        if (data.Count == 0)
        {
            throw Bad(path, "a CSV without data lines");
        }
        var line = header ? 2 : 1;
        return Kind(data[0]) switch
        {
            AsnFormat.CsvNetworks when data.Count == 3 => new AsnFile(path, AsnFormat.CsvNetworks, compression, header, null),
            AsnFormat.CsvRanges or AsnFormat.CsvNumbers when data.Count == 4 => new AsnFile(path, Kind(data[0])!.Value, compression, header, null),
            null => throw Bad(path, $"line {line}: \"{Shorten(data[0])}\" is neither an IP address, an address number nor a network; " + Expected),
            _ => throw Bad(path, $"line {line} has {data.Count} field(s); " + Expected),
        };
    }

    private const string Expected =
        "an AS CSV has 4 fields (first address, last address, AS number, organization) or 3 (network, AS number, organization)";

    /// <summary>What kind of range a first field starts: a network, an address number, an address; null for a column name.</summary>
    private static AsnFormat? Kind(string field) =>
        field.Contains('/', StringComparison.Ordinal) && IPAddress.TryParse(field.Split('/')[0], out _) ? AsnFormat.CsvNetworks
        : field.Length > 0 && field.All(char.IsAsciiDigit) ? AsnFormat.CsvNumbers
        : IPAddress.TryParse(field, out _) ? AsnFormat.CsvRanges
        : null;

    /// <summary>The fields of one CSV line (quotes with doubled quotes inside; enough to recognise a file).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (line.Length > 0)
        {
            fields.Add(field.ToString().Trim());
        }
        return fields;
    }

    /// <summary>No NUL byte, and UTF-8 up to the last whole line read.</summary>
    private static bool LooksLikeText(byte[] head)
    {
        if (head.AsSpan().Contains((byte)0))
        {
            return false;
        }
        var end = head.Length == HeadBytes ? Array.LastIndexOf(head, (byte)'\n') + 1 : head.Length;
        try
        {
            _ = new UTF8Encoding(false, true).GetString(head, 0, end > 0 ? end : head.Length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasMarker(ReadOnlySpan<byte> tail) => tail.LastIndexOf(MetadataMarker) >= 0;

    private static byte[] ReadUpTo(Stream stream, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count && stream.Read(buffer, read, count - read) is var n and > 0)
        {
            read += n;
        }
        return buffer[..read];
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;

    /// <summary>The one error of a file that cannot be loaded: exit 65, naming the file.</summary>
    internal static DuckDetectException Bad(string path, string reason) =>
        new(FailureKind.InputFilesFailed, $"{path}: {reason}");
}
