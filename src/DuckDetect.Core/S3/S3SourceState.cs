namespace DuckDetect.Core.S3;

/// <summary>The listing state of one source: its date roots and when it was last listed whole.</summary>
internal sealed record S3SourceState(DateTime? LastReconciledAt, IReadOnlyDictionary<string, S3RootState> Roots);
