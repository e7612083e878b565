using System.IO.Compression;
using System.Text.Json;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Recognises a file's shape from its first bytes: gzip or not, Parquet, S3 delivery file, lookup-events output, JSON
/// array, NDJSON or other JSON values, and what the records are (<see cref="RecordShape"/>, from the first record's
/// fields; Parquet's is told from its columns when the batch is planned). It reads at most <see cref="PeekBytes"/>
/// (decompressed) and parses no event; whether a gzip file is whole is <see cref="GzipIntegrity"/>'s check.
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
        return ClassifyContent(content, gzip);
    }

    /// <summary>
    /// Classifies from the first <see cref="QuickBytes"/> when they settle it (a delivery file names "Records" at
    /// its start, an array's first record names a field that tells its shape), else from up to <see cref="PeekBytes"/>:
    /// decompressing 64 KiB of every delivery file would cost a quarter of a typical file's inflation.
    /// </summary>
    private static SniffResult ClassifyContent(Stream content, bool gzip)
    {
        var buffer = new byte[PeekBytes];
        var length = ReadPrefix(content, buffer.AsMemory(0, QuickBytes));
        if (length == QuickBytes)
        {
            if (QuickClassify(buffer.AsSpan(0, length), gzip) is { } settled)
            {
                return settled;
            }
            length += ReadPrefix(content, buffer.AsMemory(QuickBytes));
        }
        return Classify(buffer.AsSpan(0, length), gzip);
    }

    private static SniffResult? QuickClassify(ReadOnlySpan<byte> prefix, bool gzip)
    {
        try
        {
            return Classify(prefix, gzip, final: false) is { Format: FileFormat.Delivery or FileFormat.LookupEvents or FileFormat.JsonArray } settled
                ? settled
                : null;
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

    internal static SniffResult Classify(ReadOnlySpan<byte> prefix, bool gzip) => Classify(prefix, gzip, final: true)!;

    /// <summary>
    /// The file's shape from its first bytes. Not <paramref name="final"/> (a short prefix of a longer file): null for
    /// an array whose first record has not yet shown a field that tells its shape.
    /// </summary>
    private static SniffResult? Classify(ReadOnlySpan<byte> prefix, bool gzip, bool final)
    {
        var start = SkipBomAndWhitespace(prefix);
        if (start >= prefix.Length)
        {
            return new SniffResult(FileFormat.Empty, gzip);
        }
        return prefix[start] switch
        {
            (byte)'[' => FirstRecordShape(prefix[start..], recordDepth: 1) is { } shape
                ? new SniffResult(FileFormat.JsonArray, gzip, shape)
                : final ? new SniffResult(FileFormat.JsonArray, gzip) : null,
            (byte)'{' => ClassifyObject(prefix[start..], gzip),
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

    private static SniffResult ClassifyObject(ReadOnlySpan<byte> json, bool gzip)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 4096 }));
        RecordShape? shape = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("Records"))
                    {
                        return new SniffResult(FileFormat.Delivery, gzip);
                    }
                    if (reader.ValueTextEquals("Events"))
                    {
                        return new SniffResult(FileFormat.LookupEvents, gzip, RecordShape.EventHistory);
                    }
                    shape ??= RecordKeys.ShapeOf(ref reader);
                }
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    var consumed = (int)reader.BytesConsumed;
                    var firstValue = json[..consumed];
                    return new SniffResult(firstValue.Contains((byte)'\n') ? FileFormat.JsonValues : FileFormat.Ndjson, gzip, shape ?? RecordShape.CloudTrail);
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: let DuckDB read it and report where.
        }
        return new SniffResult(json.Contains((byte)'\n') ? FileFormat.JsonValues : FileFormat.Ndjson, gzip, shape ?? RecordShape.CloudTrail);
    }

    /// <summary>
    /// The shape of an array's first record, from the first of its fields that tells it; CloudTrail when the record
    /// ends without one or is not an object; null when the prefix ends first.
    /// </summary>
    private static RecordShape? FirstRecordShape(ReadOnlySpan<byte> json, int recordDepth)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { MaxDepth = 4096 }));
        try
        {
            if (!reader.Read() || !reader.Read())
            {
                return null;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return RecordShape.CloudTrail; // DuckDB reports what the array holds
            }
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == recordDepth + 1
                    && RecordKeys.ShapeOf(ref reader) is { } shape)
                {
                    return shape;
                }
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == recordDepth)
                {
                    return RecordShape.CloudTrail;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return RecordShape.CloudTrail; // malformed: DuckDB reports where
        }
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
