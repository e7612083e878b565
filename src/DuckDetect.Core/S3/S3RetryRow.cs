namespace DuckDetect.Core.S3;

/// <summary>An object of a source whose last attempt did not load (retry_objects.sql).</summary>
internal sealed class S3RetryRow
{
    public string Path { get; set; } = "";

    public long SizeBytes { get; set; }

    public DateTime ModifiedAt { get; set; }
}
