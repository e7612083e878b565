namespace DuckDetect.Core.Generate;

/// <summary>An alert the rule must open: its window end, and the candidate with the most calls at that end.</summary>
public sealed record ExpectedAlert
{
    public required string WindowEnd { get; init; }

    public required string Arn { get; init; }

    public required string ModelId { get; init; }

    public required long Calls { get; init; }
}
