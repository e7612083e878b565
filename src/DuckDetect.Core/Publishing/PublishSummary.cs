namespace DuckDetect.Core.Publishing;

/// <summary>What a publish wrote, how long it took, and whether it wrote every table (full) or updated a copy (update).</summary>
public sealed record PublishSummary(string Path, long Bytes, TimeSpan Elapsed, string Mode);
