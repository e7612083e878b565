namespace DuckDetect.Core.S3;

/// <summary>One ListObjectsV2 response: its objects, its common prefixes (with a delimiter) and the next page's token.</summary>
public sealed record S3ListPage(IReadOnlyList<S3ListedObject> Objects, IReadOnlyList<string> CommonPrefixes, string? NextToken);
