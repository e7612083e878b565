namespace DuckDetect.Core.S3;

/// <summary>What a listing of one day prefix of a date root found (a row of <c>s3_days</c>).</summary>
internal sealed record S3DayTotal(string Root, DateOnly Day, long Objects, long Bytes, DateTime NewestModified);
