namespace DuckDetect.Core.Publishing;

/// <summary>What a publish wrote, and how long it took.</summary>
public sealed record PublishSummary(string Path, long Bytes, TimeSpan Elapsed);
