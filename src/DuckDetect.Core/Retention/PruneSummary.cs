namespace DuckDetect.Core.Retention;

/// <summary>What a prune did: the horizon, the events it deleted, and the database file's size before and after.</summary>
public sealed record PruneSummary(DateTimeOffset Before, long EventsDeleted, int Days, long BytesBefore, long BytesAfter, bool Compacted, TimeSpan Elapsed);
