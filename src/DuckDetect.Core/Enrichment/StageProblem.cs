namespace DuckDetect.Core.Enrichment;

/// <summary>The first row of a staged file that cannot be used: its line and why.</summary>
public sealed record StageProblem(long Line, string Problem);
