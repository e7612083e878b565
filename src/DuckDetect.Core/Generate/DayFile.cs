namespace DuckDetect.Core.Generate;

/// <summary>One delivery file of a day, as the generate SQL names it.</summary>
internal sealed record DayFile
{
    public int FileNo { get; init; }

    public required string RelativePath { get; init; }

    public long Events { get; init; }
}
