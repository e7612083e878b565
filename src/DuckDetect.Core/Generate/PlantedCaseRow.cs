namespace DuckDetect.Core.Generate;

/// <summary>A row of <c>generate/manifest_cases.sql</c>: lists arrive as JSON text.</summary>
internal sealed record PlantedCaseRow
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    public required string Kind { get; init; }

    public string? RuleId { get; init; }

    public required string ExpectedJson { get; init; }

    public required string Account { get; init; }

    public required string RegionsJson { get; init; }

    public required string PrincipalArnsJson { get; init; }

    public required string ModelIdsJson { get; init; }

    public required string EventNamesJson { get; init; }

    public required string SourceIpsJson { get; init; }

    public required string FirstEvent { get; init; }

    public required string LastEvent { get; init; }

    public long Calls { get; init; }

    public long SuccessfulCalls { get; init; }

    public long MaxWindowCalls { get; init; }

    public required string AlertsJson { get; init; }

    public string? InvocationProfile { get; init; }

    public long InvocationRecords { get; init; }
}
