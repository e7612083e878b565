namespace DuckDetect.Core.Storage;

/// <summary>Files written aside and renamed over the one readers open: flushed to disk before the rename.</summary>
public static class DurableFile
{
    /// <summary>Forces the file's contents to the disk (fsync), so that a rename never exposes unwritten data.</summary>
    public static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true);
    }
}
