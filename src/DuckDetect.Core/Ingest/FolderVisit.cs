namespace DuckDetect.Core.Ingest;

/// <summary>One folder of this call's walk: what statx said before it was read, and what reading it found.</summary>
internal sealed class FolderVisit(string path, string parent, FolderStat? stat, DateTime statAt)
{
    public string Path { get; } = path;

    public string Parent { get; } = parent;

    public FolderStat? Stat { get; } = stat;

    /// <summary>The clock just after the statx, to tell a folder changed too lately for its times to be trusted.</summary>
    public DateTime StatAt { get; } = statAt;

    /// <summary>Skipped on the strength of its record; null when it was read.</summary>
    public FolderRecord? SkippedBy { get; set; }

    /// <summary>Data files the walk took from it.</summary>
    public int Files { get; set; }

    /// <summary>Read whole, with no entry that is a link, cannot be used, or vanished while it was read.</summary>
    public bool Clean { get; set; } = true;
}
