using System.IO.Compression;
using System.Text.Json;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Recognises a file's shape from its first bytes: gzip or not, Parquet, S3 delivery file, JSON array,
/// NDJSON or other JSON values. It reads at most <see cref="PeekBytes"/> (decompressed) and parses no event; whether a
/// gzip file is whole is <see cref="GzipIntegrity"/>'s check.
/// </summary>
public static class FileSniffer
{
    public const int PeekBytes = 64 * 1024;

    private const int QuickBytes = 4 * 1024;

    /// <summary>Sniffs <paramref name="path"/>; throws <see cref="InvalidDataException"/> with the reason when unusable.</summary>
    public static SniffResult Sniff(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, FileOptions.SequentialScan);
        var head = new byte[4];
        var headLength = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (headLength >= 4 && head[0] == (byte)'P' && head[1] == (byte)'A' && head[2] == (byte)'R' && head[3] == (byte)'1')
        {
            return new SniffResult(FileFormat.Parquet, false);
        }
        file.Position = 0;
        var gzip = headLength >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        using var content = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : (Stream)file;
        return new SniffResult(ClassifyContent(content, path), gzip);
    }

    /// <summary>
    /// Classifies from the first <see cref="QuickBytes"/> when they settle it (a delivery file names "Records" at
    /// its start, an array opens with '['), else from up to <see cref="PeekBytes"/>: decompressing 64 KiB of every
    /// delivery file would cost a quarter of a typical file's inflation.
    /// </summary>
    private static FileFormat ClassifyContent(Stream content, string path)
    {
        var buffer = new byte[PeekBytes];
        var length = ReadPrefix(content, buffer.AsMemory(0, QuickBytes));
        if (length == QuickBytes)
        {
            if (QuickClassify(buffer.AsSpan(0, length), path) is { } settled)
            {
                return settled;
            }
            length += ReadPrefix(content, buffer.AsMemory(QuickBytes));
        }
        return Classify(buffer.AsSpan(0, length), path);
    }

    private static FileFormat? QuickClassify(ReadOnlySpan<byte> prefix, string path)
    {
        try
        {
            return Classify(prefix, path) is var format and (FileFormat.Delivery or FileFormat.JsonArray) ? format : null;
        }
        catch (InvalidDataException)
        {
            return null; // the reason is given from the longer prefix
        }
    }

    private static int ReadPrefix(Stream stream, Memory<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer.Span, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"not a valid gzip stream ({ex.Message})", ex);
        }
    }

    internal static FileFormat Classify(ReadOnlySpan<byte> prefix, string path)
    {
        var start = SkipBomAndWhitespace(prefix);
        if (start >= prefix.Length)
        {
            return FileFormat.Empty;
        }
        return prefix[start] switch
        {
            (byte)'[' => FileFormat.JsonArray,
            (byte)'{' => ClassifyObject(prefix[start..]),
            var b => throw new InvalidDataException(JsonScalar(prefix[start..]) is { } kind
                ? $"not CloudTrail: the content is a JSON {kind}, not an object or an array of events"
                : $"not JSON or Parquet: the content starts with {Describe(b)}"),
        };
    }

    /// <summary>The kind of JSON scalar the content starts with (string, number, true, false, null), else null.</summary>
    private static string? JsonScalar(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: json.Length < PeekBytes, default);
        try
        {
            return reader.Read() ? reader.TokenType switch
            {
                JsonTokenType.String => "string",
                JsonTokenType.Number => "number",
                JsonTokenType.True or JsonTokenType.False => "boolean",
                JsonTokenType.Null => "null",
                _ => null,
            } : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static FileFormat ClassifyObject(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 4096 }));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("Records"))
                {
                    return FileFormat.Delivery;
                }
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    var consumed = (int)reader.BytesConsumed;
                    var firstValue = json[..consumed];
                    return firstValue.Contains((byte)'\n') ? FileFormat.JsonValues : FileFormat.Ndjson;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: let DuckDB read it and report where.
        }
        return json.Contains((byte)'\n') ? FileFormat.JsonValues : FileFormat.Ndjson;
    }

    private static int SkipBomAndWhitespace(ReadOnlySpan<byte> prefix)
    {
        var i = prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        while (i < prefix.Length && prefix[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return i;
    }

    private static string Describe(byte b) =>
        b is >= 0x20 and < 0x7f ? $"'{(char)b}'" : $"byte 0x{b:x2}";
}
