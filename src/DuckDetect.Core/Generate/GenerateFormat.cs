namespace DuckDetect.Core.Generate;

/// <summary>How <c>generate</c> writes the events.</summary>
public enum GenerateFormat
{
    /// <summary>CloudTrail's S3 delivery files: gzip JSON <c>{"Records":[...]}</c>, <c>.json.gz</c>.</summary>
    Json,

    /// <summary>The same events as Parquet with CloudTrail's field names, <c>.parquet</c>.</summary>
    Parquet,
}
