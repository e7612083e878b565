using System.IO.Compression;
using System.Text.Json;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Recognises a file's shape from its first bytes: gzip or not, Parquet, S3 delivery file, JSON array,
/// NDJSON or other JSON values. It reads at most <see cref="PeekBytes"/> (decompressed) for the shape, checks that a
/// gzip file is whole (<see cref="GzipIntegrity"/>), and parses no event.
/// </summary>
public static class FileSniffer
{
    public const int PeekBytes = 64 * 1024;

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
        var buffer = new byte[PeekBytes];
        int length;
        if (!gzip)
        {
            length = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return new SniffResult(Classify(buffer.AsSpan(0, length), path), false);
        }
        using (var inflated = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true))
        {
            length = ReadPrefix(inflated, buffer, path);
        }
        var format = Classify(buffer.AsSpan(0, length), path);
        // DuckDB's gzip reader stops quietly where a cut-off stream ends, so check the whole stream here: it costs
        // one extra decompression (about 4% of an ingest), and a file that lost its end never loads in part.
        GzipIntegrity.Verify(file);
        return new SniffResult(format, true);
    }

    private static int ReadPrefix(Stream stream, byte[] buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
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
