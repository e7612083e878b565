using System.Collections.Concurrent;
using DuckDetect.Core.Ingest;

namespace DuckDetect.Core.S3;

/// <summary>
/// Fetches a window of objects in parallel into the temporary folder. Each local copy keeps the object's identity
/// as its GET gave it (ETag, size, LastModified), which is what <c>ingested_files</c> records once it loads.
/// </summary>
internal sealed class S3Fetcher(S3Connection s3, string bucket, S3TempFolder temp, int parallelism)
{
    public async Task<S3FetchedWindow> FetchAsync(IReadOnlyList<PendingFile> objects, CancellationToken ct)
    {
        var files = new PendingFile?[objects.Count];
        var failed = new ConcurrentBag<(int Index, PendingFile File, string Reason)>();
        var gone = new ConcurrentBag<PendingFile>();
        await Parallel.ForEachAsync(Enumerable.Range(0, objects.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (i, token) =>
            {
                var listed = objects[i];
                var key = KeyOf(listed.Path);
                var local = temp.NewFile(key);
                try
                {
                    var got = await s3.DownloadAsync(bucket, key, local, token).ConfigureAwait(false);
                    files[i] = new PendingFile(listed.Path, got.Size, new DateTimeOffset(got.LastModified, TimeSpan.Zero))
                    {
                        ETag = got.ETag,
                        ReadPath = local,
                    };
                }
                catch (S3Failure failure) when (failure.Kind == S3FailureKind.Gone)
                {
                    File.Delete(local);
                    gone.Add(listed);
                }
                catch (S3Failure failure) when (failure.Kind != S3FailureKind.Credentials)
                {
                    File.Delete(local);
                    failed.Add((i, listed, failure.Message));
                }
            }).ConfigureAwait(false);
        return new S3FetchedWindow(files.OfType<PendingFile>().ToList(),
            failed.OrderBy(f => f.Index).Select(f => (f.File, f.Reason)).ToList(), [.. gone]);
    }

    private string KeyOf(string path) => path[S3Location.ObjectPath(bucket, "").Length..];
}
