namespace DuckDetect.Core.Ingest;

/// <summary>
/// The bodies of one batch read from their own objects: each object's path (<c>s3://bucket/key</c>) with the local file
/// holding its content (decompressed), and the objects that could not be read, with the reason.
/// </summary>
internal sealed record SeparateBodyFetch(IReadOnlyList<(string Path, string File)> Read, IReadOnlyDictionary<string, string> Failed);
