namespace DuckDetect.Core.S3;

/// <summary>An object as a listing gives it: its key, ETag (without quotes), size and LastModified (UTC).</summary>
public sealed record S3ListedObject(string Key, string ETag, long Size, DateTime LastModified);
