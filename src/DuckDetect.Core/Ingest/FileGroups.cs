namespace DuckDetect.Core.Ingest;

/// <summary>Cuts files, in their order, into groups of at most a size and a count: ingest's batches, S3's fetch windows.</summary>
internal static class FileGroups
{
    /// <summary>
    /// Consecutive groups of <paramref name="files"/> whose <paramref name="estimate"/>s add up to at most
    /// <paramref name="maxBytes"/> (a file larger than that stands alone) and that hold at most <paramref name="maxFiles"/>.
    /// With <paramref name="ramp"/>, the first groups are smaller: the first 1/2^ramp of the size, each next one twice
    /// the last, up to the size.
    /// </summary>
    public static IEnumerable<List<PendingFile>> BySize(IEnumerable<PendingFile> files, Func<PendingFile, long> estimate, long maxBytes, int maxFiles,
        int ramp = 0)
    {
        var group = new List<PendingFile>();
        long bytes = 0;
        var limit = maxBytes >> ramp;
        foreach (var file in files)
        {
            var size = estimate(file);
            if (group.Count > 0 && (bytes + size > limit || group.Count >= maxFiles))
            {
                limit = Math.Min(maxBytes, limit * 2);
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
