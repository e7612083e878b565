namespace DuckDetect.Core.Generate;

/// <summary>What a <c>generate</c> run wrote.</summary>
public sealed class GenerateSummary
{
    public int Days { get; set; }

    public long Events { get; set; }

    public int Files { get; set; }

    /// <summary>Bedrock model invocation log files and records (the planted principals' calls).</summary>
    public int InvocationFiles { get; set; }

    public long InvocationRecords { get; set; }

    /// <summary>Bytes of the data files as written (compressed, invocation logs included), without the manifest.</summary>
    public long Bytes { get; set; }

    public required string ManifestPath { get; init; }

    public TimeSpan Elapsed { get; set; }

    public void Add(WrittenFiles written)
    {
        ArgumentNullException.ThrowIfNull(written);
        Files += written.Files;
        Events += written.Events;
    }

    public void AddInvocations(WrittenFiles written)
    {
        ArgumentNullException.ThrowIfNull(written);
        InvocationFiles += written.Files;
        InvocationRecords += written.Events;
    }
}
