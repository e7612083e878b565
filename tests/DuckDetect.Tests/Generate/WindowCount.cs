namespace DuckDetect.Tests.Generate;

/// <summary>Successful runtime calls of one (arn, account, model) in the seed rule's window ending at WindowEnd.</summary>
public sealed record WindowCount
{
    public required string Arn { get; init; }

    public required string Account { get; init; }

    public required string ModelId { get; init; }

    public DateTime WindowEnd { get; init; }

    public long Calls { get; init; }
}
