using System.IO.Compression;
using System.Text;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest;

/// <summary>A bad input file, what ingest must say about it, and how to make it good again.</summary>
public sealed class BadInput : IDisposable
{
    private IDisposable? _hold;

    private BadInput(string kind, string path, string expectedReason, IDisposable? hold)
    {
        Kind = kind;
        Path = path;
        ExpectedReason = expectedReason;
        _hold = hold;
    }

    /// <summary>Every kind of bad input the issue names.</summary>
    public static readonly string[] Kinds =
        ["not-json", "truncated-gzip", "not-cloudtrail", "parquet-without-columns", "unreadable"];

    public string Kind { get; }

    public string Path { get; }

    /// <summary>A piece of the reason that the error on stderr and in ingested_files must carry.</summary>
    public string ExpectedReason { get; }

    /// <summary>The event IDs the file holds once <see cref="Fix"/> has rewritten it.</summary>
    public IReadOnlyList<string> FixedEventIds => [$"fixed-{Kind}-0", $"fixed-{Kind}-1"];

    /// <summary>Writes a bad file of <paramref name="kind"/> under the input folder, named <c>m-bad-KIND...</c>.</summary>
    public static BadInput Write(TempDatabase db, string kind, string folder = "")
    {
        string Name(string suffix) => System.IO.Path.Combine(folder, $"m-bad-{kind}{suffix}");
        switch (kind)
        {
            case "not-json":
                return new BadInput(kind, db.WriteInput(Name(".json"), "timestamp,event\n2024-05-01,login\n"),
                    "not JSON", null);
            case "truncated-gzip":
            {
                var path = System.IO.Path.Combine(db.InputFolder, Name(".json.gz"));
                var events = IngestKit.Events("trunc", 400);
                var full = Gzip(CloudTrailJson.Delivery(events));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, full[..(full.Length / 2)]);
                return new BadInput(kind, path, "truncated gzip", null);
            }
            case "not-cloudtrail":
                return new BadInput(kind,
                    db.WriteInput(Name(".json"), "{\"Records\":[{\"user\":\"alice\",\"action\":\"login\"},{\"user\":\"bob\"}]}"),
                    "not CloudTrail", null);
            case "parquet-without-columns":
                return new BadInput(kind,
                    IngestKit.WriteParquet(System.IO.Path.Combine(db.InputFolder, Name(".parquet")),
                        "SELECT 'alice' AS user, 'login' AS action, TIMESTAMP '2024-05-01 12:00:00' AS ts"),
                    "missing eventID, eventTime, eventSource, eventName", null);
            case "unreadable":
            {
                var path = db.WriteInput(Name(".json"), CloudTrailJson.Delivery(IngestKit.Events("unreadable", 2)));
                return new BadInput(kind, path, "cannot be read", IngestKit.MakeUnreadable(path));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Makes the file good: readable again and holding two new events (a new size, a new modification time).</summary>
    public void Fix()
    {
        Dispose();
        var content = CloudTrailJson.Delivery(FixedEventIds.Select((id, i) => (object)CloudTrailJson.Event(id, IngestKit.T0.AddMinutes(i))));
        if (Path.EndsWith(".parquet", StringComparison.Ordinal))
        {
            File.Delete(Path);
            IngestKit.WriteParquet(Path,
                $"SELECT 'fixed-{Kind}-' || i AS eventID, '2024-05-01T12:00:00Z' AS eventTime, " +
                "'bedrock.amazonaws.com' AS eventSource, 'InvokeModel' AS eventName FROM range(2) t(i)");
        }
        else if (Path.EndsWith(".gz", StringComparison.Ordinal))
        {
            File.WriteAllBytes(Path, Gzip(content));
        }
        else
        {
            File.WriteAllText(Path, content);
        }
        File.SetLastWriteTimeUtc(Path, DateTime.UtcNow.AddSeconds(10));
    }

    public void Dispose()
    {
        _hold?.Dispose();
        _hold = null;
    }

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return buffer.ToArray();
    }
}
