namespace DuckDetect.Core.Publishing;

/// <summary>
/// What a publish wrote, how long it took, and whether it wrote every table (full) or updated a copy (update); for
/// an update, the parts it wrote (<c>publish/sync/</c>'s scripts and the small tables written again).
/// </summary>
public sealed record PublishSummary(string Path, long Bytes, TimeSpan Elapsed, string Mode, IReadOnlyList<string> Parts);
