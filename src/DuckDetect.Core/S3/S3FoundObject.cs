namespace DuckDetect.Core.S3;

/// <summary>
/// An object a listing found: under which date root and day prefix (null for an object outside one), and whether a
/// whole listing found it under a day the lookback no longer lists (so that only reconciliation finds it when new).
/// </summary>
internal sealed record S3FoundObject(S3ListedObject Object, string? Root, DateOnly? Day, bool BeforeLookback);
