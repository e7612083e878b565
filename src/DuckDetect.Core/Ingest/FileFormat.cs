namespace DuckDetect.Core.Ingest;

/// <summary>The shape of a file's content, recognised from its first bytes.</summary>
public enum FileFormat
{
    /// <summary>An S3 delivery file: <c>{"Records": [...]}</c>.</summary>
    Delivery,

    /// <summary>The output of <c>aws cloudtrail lookup-events</c>: <c>{"Events": [...]}</c>.</summary>
    LookupEvents,

    /// <summary>A JSON array of events.</summary>
    JsonArray,

    /// <summary>One event per line.</summary>
    Ndjson,

    /// <summary>JSON values that are not one per line: a pretty-printed single event, or several.</summary>
    JsonValues,

    /// <summary>Apache Parquet.</summary>
    Parquet,

    /// <summary>No content at all (zero bytes, or only whitespace).</summary>
    Empty,
}
