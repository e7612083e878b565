namespace DuckDetect.Core.Ingest;

/// <summary>A folder that need not be read: its subfolders as recorded, and its files to try again.</summary>
internal sealed record FolderSkip(IReadOnlyList<string> Subfolders, IReadOnlyList<string> Retry);
