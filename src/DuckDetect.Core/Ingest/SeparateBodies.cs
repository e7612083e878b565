using System.Collections.Concurrent;
using System.IO.Compression;
using DuckDetect.Core.S3;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// Reads the bodies Bedrock delivered separately (<c>input.inputBodyS3Path</c>, <c>output.outputBodyS3Path</c>: bodies
/// over 100 KB, and binary ones) for one ingest call. A local copy is tried first: the object's key from its
/// <c>AWSLogs/</c> segment on, under the folder above the <c>AWSLogs/</c> of a file of the batch (a synced bucket).
/// Else the object is fetched with the S3 client of <c>s3://</c> sources (the same credentials chain, <c>--profile</c>,
/// <c>--region</c>, <c>--endpoint-url</c>), a few objects at once. A body that is gzip (as Bedrock writes them) is
/// decompressed. What cannot be read is named with its reason, never with a secret; after a failure that is not the
/// object's own (no credentials, no such bucket, the bucket unreachable), the bucket's other objects are not asked for
/// in this call.
/// </summary>
/// <remarks>
/// The local copies wait in <c>$TMPDIR/duckdetect-s3-HASH-bodies</c> of the job's database until their batch is read;
/// only the run holding that database's lock uses it, so whatever a crashed run left there is removed when the next one
/// starts.
/// </remarks>
internal sealed class SeparateBodies : IDisposable
{
    /// <summary>Attempts of one GET of a body: fewer than a log object's, since an unread body never fails its file.</summary>
    private const int MaxAttempts = 3;

    private readonly ConcurrentDictionary<string, string> _bucketFailures = new(StringComparer.Ordinal);
    private readonly S3Settings _settings;
    private readonly string _folder;
    private Lazy<(S3Connection? Connection, string? Failure)>? _connection;
    private int _count;

    public SeparateBodies(S3Settings settings, string databasePath)
    {
        _settings = settings;
        _folder = FolderFor(databasePath);
        Clear();
    }

    /// <summary>Where the local copies of the bodies of the database at <paramref name="databasePath"/> wait.</summary>
    public static string FolderFor(string databasePath) => S3TempFolder.PathFor(databasePath) + "-bodies";

    /// <summary>The warning of the last batch whose bodies were read (<see cref="SeparateBodyLoad"/>): unread records named; null when none.</summary>
    public string? Warning { get; set; }

    /// <summary>The GET requests and bytes of the bodies fetched from S3 so far.</summary>
    public (long Gets, long Bytes) Requests =>
        _connection is { IsValueCreated: true, Value.Connection: { } c } ? (c.GetRequests, c.BytesRead) : (0, 0);

    /// <summary>Reads <paramref name="paths"/> for a batch of <paramref name="files"/> (local paths, or s3:// ones).</summary>
    public SeparateBodyFetch Fetch(IReadOnlyList<string> paths, IEnumerable<string> files, CancellationToken ct)
    {
        Directory.CreateDirectory(_folder);
        var roots = files.Select(LocalRoot).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var read = new ConcurrentBag<(string Path, string File)>();
        var failed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _settings.Parallelism), CancellationToken = ct },
            async (path, token) =>
            {
                var file = Path.Combine(_folder, $"body-{Interlocked.Increment(ref _count)}.json");
                var reason = await ReadOne(path, roots, file, token).ConfigureAwait(false);
                if (reason is null)
                {
                    read.Add((path, file));
                }
                else
                {
                    failed[path] = reason;
                }
            }).GetAwaiter().GetResult();
        return new SeparateBodyFetch(read.OrderBy(r => r.Path, StringComparer.Ordinal).ToList(), failed);
    }

    /// <summary>Removes the batch's local copies.</summary>
    public void Clear()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Null when the body is in <paramref name="file"/>, else why it could not be read.</summary>
    private async Task<string?> ReadOne(string path, List<string> roots, string file, CancellationToken ct)
    {
        var slash = S3Location.IsS3(path) ? path.IndexOf('/', 5) : -1;
        if (slash < 0 || slash == path.Length - 1)
        {
            return "not an s3://bucket/key path";
        }
        var bucket = path[5..slash];
        var key = path[(slash + 1)..];
        var raw = file + ".raw";
        if (LocalCopy(key, roots) is { } local)
        {
            File.Copy(local, raw, overwrite: true);
        }
        else
        {
            if (_bucketFailures.TryGetValue(bucket, out var earlier))
            {
                return earlier;
            }
            var (connection, failure) = Connection().Value;
            if (connection is null)
            {
                return failure;
            }
            try
            {
                await connection.DownloadAsync(bucket, key, raw, ct).ConfigureAwait(false);
            }
            catch (S3Failure ex) when (ex.Kind == S3FailureKind.Gone)
            {
                return "not found (no such key)";
            }
            catch (S3Failure ex)
            {
                if (ex.Kind != S3FailureKind.Object)
                {
                    _bucketFailures.TryAdd(bucket, ex.Message);
                }
                return ex.Message;
            }
        }
        return Decompress(raw, file);
    }

    /// <summary>Moves <paramref name="raw"/> to <paramref name="file"/>, decompressed when it is gzip; null, or why not.</summary>
    private static string? Decompress(string raw, string file)
    {
        try
        {
            bool gzip;
            using (var probe = File.OpenRead(raw))
            {
                gzip = probe.ReadByte() == 0x1f && probe.ReadByte() == 0x8b;
            }
            if (!gzip)
            {
                File.Move(raw, file, overwrite: true);
                return null;
            }
            using (var input = new GZipStream(File.OpenRead(raw), CompressionMode.Decompress))
            using (var output = File.Create(file))
            {
                input.CopyTo(output);
            }
            File.Delete(raw);
            return null;
        }
        catch (InvalidDataException ex)
        {
            return $"not a valid gzip stream ({ex.Message})";
        }
    }

    /// <summary>The folder above the <c>AWSLogs/</c> folder of a local file, or null (an S3 object, another layout).</summary>
    private static string? LocalRoot(string file)
    {
        if (S3Location.IsS3(file))
        {
            return null;
        }
        var normal = file.Replace('\\', '/');
        var at = normal.LastIndexOf("/AWSLogs/", StringComparison.Ordinal);
        return at < 0 ? null : normal[..(at + 1)];
    }

    /// <summary>The local copy of the object of <paramref name="key"/> under one of <paramref name="roots"/>, if there is one.</summary>
    private static string? LocalCopy(string key, List<string> roots)
    {
        if (key.Contains("/../", StringComparison.Ordinal) || key.StartsWith("../", StringComparison.Ordinal))
        {
            return null;
        }
        var relative = key.StartsWith("AWSLogs/", StringComparison.Ordinal) ? key : key[(key.IndexOf("/AWSLogs/", StringComparison.Ordinal) + 1)..];
        return roots.Select(root => root + relative).FirstOrDefault(File.Exists);
    }

    private Lazy<(S3Connection? Connection, string? Failure)> Connection() =>
        LazyInitializer.EnsureInitialized(ref _connection, () => new Lazy<(S3Connection?, string?)>(() =>
        {
            try
            {
                return (S3Connection.Open(_settings with { MaxAttempts = Math.Min(_settings.MaxAttempts, MaxAttempts) }), null);
            }
            catch (S3Failure ex)
            {
                return (null, ex.Message);
            }
        }));

    public void Dispose()
    {
        Clear();
        if (_connection is { IsValueCreated: true, Value.Connection: { } c })
        {
            c.Dispose();
        }
    }
}
