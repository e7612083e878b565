using DuckDetect.Core.Ingest;

namespace DuckDetect.Core.S3;

/// <summary>A window of objects fetched: their local copies, the objects that failed (with why) and those deleted since listed.</summary>
internal sealed record S3FetchedWindow(List<PendingFile> Files, List<(PendingFile File, string Reason)> Failed, List<PendingFile> Gone);
