using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The line numbers of an invocation log file's records that ingest skips (invocations/count.sql's test: not
/// <c>schemaType: "ModelInvocationLog"</c>, or no accountId, requestId or valid timestamp). Read only for a file
/// that had such records, to name them: the load itself is DuckDB's, set-based.
/// </summary>
internal static class InvocationLines
{
    public const int MaxNamed = 10;

    /// <summary>
    /// The reason a file of invocation records failed, naming its first line that is not valid JSON when it has one:
    /// DuckDB's message names a line too, but counted from its read buffers, not always the file's.
    /// </summary>
    public static string FailureReason(PendingFile file, string reason)
    {
        var malformed = Scan(file, line => !IsJson(line), 1);
        if (malformed.Count == 0)
        {
            return reason;
        }
        var detail = System.Text.RegularExpressions.Regex.Match(reason, @"in line \d+: (.+)$");
        return $"malformed JSON on line {malformed[0]}" + (detail.Success ? $": {detail.Groups[1].Value}" : "");
    }

    public static List<long> Skipped(PendingFile file) => Scan(file, line => !IsInvocation(line), MaxNamed);

    private static List<long> Scan(PendingFile file, Func<string, bool> wanted, int max)
    {
        var lines = new List<long>();
        try
        {
            using var stream = File.OpenRead(file.ReadPath);
            using var content = file.Sniff?.Gzip == true ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
            using var reader = new StreamReader(content);
            long number = 0;
            while (lines.Count < max && reader.ReadLine() is { } line)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line) && wanted(line))
                {
                    lines.Add(number);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // The counts stand without line numbers (an S3 object's local copy may be gone).
        }
        return lines;
    }

    private static bool IsJson(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsInvocation(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && Text(root, "schemaType") == "ModelInvocationLog"
                && !string.IsNullOrEmpty(Text(root, "accountId"))
                && !string.IsNullOrEmpty(Text(root, "requestId"))
                && DateTimeOffset.TryParse(Text(root, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
        }
        catch (JsonException)
        {
            return true; // a file with a malformed line fails whole, with DuckDB's message naming the line
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
