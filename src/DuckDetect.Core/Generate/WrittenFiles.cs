namespace DuckDetect.Core.Generate;

/// <summary>The files one day's write produced (or queued, for gzip JSON).</summary>
public sealed record WrittenFiles(int Files, long Events);
