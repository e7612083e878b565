namespace DuckDetect.Core.Generate;

/// <summary>What a <c>generate</c> run wrote.</summary>
public sealed class GenerateSummary
{
    public int Days { get; set; }

    public long Events { get; set; }

    public int Files { get; set; }

    /// <summary>Bytes of the data files as written (compressed), without the manifest.</summary>
    public long Bytes { get; set; }

    public required string ManifestPath { get; init; }

    public TimeSpan Elapsed { get; set; }

    public void Add(WrittenFiles written)
    {
        ArgumentNullException.ThrowIfNull(written);
        Files += written.Files;
        Events += written.Events;
    }
}
