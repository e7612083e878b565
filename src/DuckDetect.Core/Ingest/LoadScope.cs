namespace DuckDetect.Core.Ingest;

/// <summary>
/// A load of part of a larger load (a window of S3 objects): whether the whole load is large (its duplicate checks
/// then run under DuckDB's usual memory), and the batch size planned for the whole load.
/// </summary>
internal sealed record LoadScope(bool Large, long BatchBytes);
