namespace DuckDetect.Core.Ingest;

/// <summary>What a file's records are, recognised from the keys of its first record.</summary>
public enum RecordShape
{
    /// <summary>CloudTrail records as CloudTrail writes them (the default when no key decides).</summary>
    CloudTrail,

    /// <summary><c>aws cloudtrail lookup-events</c> records: the event as a JSON string in <c>CloudTrailEvent</c>.</summary>
    EventHistory,

    /// <summary>OCSF records, as Amazon Security Lake writes CloudTrail (classes 3001, 3002, 3005, 6003).</summary>
    Ocsf,

    /// <summary>Elastic Common Schema documents (<c>_source</c> objects or whole search hits).</summary>
    Ecs,

    /// <summary>Amazon Bedrock model invocation log records (<c>schemaType: "ModelInvocationLog"</c>), not CloudTrail.</summary>
    BedrockInvocation,
}
