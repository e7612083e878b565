namespace DuckDetect.Core.Ingest;

/// <summary>Cuts files, in their order, into groups of at most a size and a count: ingest's batches, S3's fetch windows.</summary>
internal static class FileGroups
{
    /// <summary>
    /// Consecutive groups of <paramref name="files"/> whose <paramref name="estimate"/>s add up to at most
    /// <paramref name="maxBytes"/> (a file larger than that stands alone) and that hold at most <paramref name="maxFiles"/>.
    /// </summary>
    public static IEnumerable<List<PendingFile>> BySize(IEnumerable<PendingFile> files, Func<PendingFile, long> estimate, long maxBytes, int maxFiles)
    {
        var group = new List<PendingFile>();
        long bytes = 0;
        foreach (var file in files)
        {
            var size = estimate(file);
            if (group.Count > 0 && (bytes + size > maxBytes || group.Count >= maxFiles))
            {
                yield return group;
                group = [];
                bytes = 0;
            }
            group.Add(file);
            bytes += size;
        }
        if (group.Count > 0)
        {
            yield return group;
        }
    }
}
