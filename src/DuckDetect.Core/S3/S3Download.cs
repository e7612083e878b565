namespace DuckDetect.Core.S3;

/// <summary>An object written whole to a local file: what its GET said it was.</summary>
public sealed record S3Download(string ETag, long Size, DateTime LastModified);
