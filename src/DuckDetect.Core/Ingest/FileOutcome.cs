namespace DuckDetect.Core.Ingest;

/// <summary>What ingest did with one file (a row of <c>ingested_files</c>).</summary>
public sealed record FileOutcome
{
    public required string Path { get; init; }

    public required string Status { get; init; }

    public long EventsRead { get; init; }

    public long EventsNew { get; init; }

    public long EventsSkipped { get; init; }

    public string? Error { get; init; }
}
