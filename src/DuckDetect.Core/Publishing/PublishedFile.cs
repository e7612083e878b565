namespace DuckDetect.Core.Publishing;

/// <summary>The analyst database as the job last wrote it (a row of <c>published_files</c>).</summary>
public sealed record PublishedFile(long Bytes, long ModifiedTicks, long DetectRunId, int EvidenceDays, int FormatVersion);
