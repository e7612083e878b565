namespace DuckDetect.Core.Enrichment;

/// <summary>What a MaxMind DB held: the networks staged, those without an AS number, what it says of itself.</summary>
public sealed record MmdbSummary(long Networks, long WithoutNumber, string Description, DateTime BuiltAt);
