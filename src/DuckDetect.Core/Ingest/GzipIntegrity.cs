using System.Buffers.Binary;
using System.IO.Compression;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Checks that a gzip file is whole. .NET's <see cref="GZipStream"/> (and DuckDB's gzip reader) stop quietly where a
/// truncated file ends, so a file cut short would load part of its events, or fail later with a misleading
/// "malformed JSON". Ingest checks every gzip file before DuckDB reads it (<see cref="FileChecks.Verify"/>), at the
/// cost of one extra decompression (about 5% of an ingest). A whole gzip file ends with its last member's
/// trailer, whose ISIZE is that member's uncompressed length (mod 2^32).
/// </summary>
internal static class GzipIntegrity
{
    private const int MinimumMemberBytes = 18;

    /// <summary>
    /// Decompresses all of <paramref name="file"/> (a stream positioned anywhere) and returns its uncompressed length;
    /// throws <see cref="InvalidDataException"/> with the reason when the data is corrupt or cut short.
    /// </summary>
    public static long Verify(FileStream file)
    {
        file.Position = 0;
        var total = Inflate(file, 0) ?? throw new InvalidDataException("not a valid gzip stream");
        if (file.Length < MinimumMemberBytes)
        {
            throw Truncated();
        }
        var trailerSize = ReadTrailerSize(file);
        if ((uint)total == trailerSize || LastMemberMatches(file, trailerSize))
        {
            return total;
        }
        throw Truncated();
    }

    private static InvalidDataException Truncated() =>
        new("truncated gzip: the compressed data ends before the end of the gzip stream");

    /// <summary>The uncompressed length from <paramref name="offset"/> to the end, or null when that is not gzip data.</summary>
    private static long? Inflate(FileStream file, long offset)
    {
        file.Position = offset;
        var buffer = new byte[1 << 16];
        long total = 0;
        try
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                total += read;
            }
        }
        catch (InvalidDataException ex)
        {
            if (offset == 0)
            {
                throw new InvalidDataException($"not a valid gzip stream ({ex.Message})", ex);
            }
            return null;
        }
        return total;
    }

    private static uint ReadTrailerSize(FileStream file)
    {
        Span<byte> size = stackalloc byte[4];
        file.Position = file.Length - 4;
        file.ReadExactly(size);
        return BinaryPrimitives.ReadUInt32LittleEndian(size);
    }

    /// <summary>
    /// A file of several gzip members (concatenated files, bgzip): the trailer belongs to the last member only.
    /// Looks backwards for a member header from which the rest of the file inflates to the trailer's size.
    /// </summary>
    private static bool LastMemberMatches(FileStream file, uint trailerSize)
    {
        const int Chunk = 1 << 16;
        var buffer = new byte[Chunk + 2];
        var high = file.Length - MinimumMemberBytes;
        while (high >= 1)
        {
            var low = Math.Max(1, high - Chunk + 1);
            var span = (int)(high - low);
            file.Position = low;
            file.ReadExactly(buffer, 0, span + 3);
            for (var i = span; i >= 0; i--)
            {
                if (buffer[i] == 0x1f && buffer[i + 1] == 0x8b && buffer[i + 2] == 0x08
                    && Inflate(file, low + i) is { } length && (uint)length == trailerSize)
                {
                    return true;
                }
            }
            high = low - 1;
        }
        return false;
    }
}
