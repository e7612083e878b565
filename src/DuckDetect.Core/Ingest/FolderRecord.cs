namespace DuckDetect.Core.Ingest;

/// <summary>A row of <c>listed_folders</c>: a folder as an earlier walk saw it.</summary>
public sealed class FolderRecord
{
    public string Path { get; init; } = "";

    public string Parent { get; init; } = "";

    public long Device { get; init; }

    public long Inode { get; init; }

    public long ModifiedNs { get; init; }

    public long ChangedNs { get; init; }

    public long Files { get; init; }

    public bool Trusted { get; init; }

    public DateTime VerifiedAt { get; init; }

    public bool Matches(FolderStat stat) =>
        stat.Device == Device && stat.Inode == Inode && stat.ModifiedNs == ModifiedNs && stat.ChangedNs == ChangedNs;
}
