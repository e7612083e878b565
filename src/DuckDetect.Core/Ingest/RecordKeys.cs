using System.Text.Json;

namespace DuckDetect.Core.Ingest;

/// <summary>
/// The top-level field names that tell a record's shape. The first such field of a file's first record decides; a
/// record with none of them is read as CloudTrail (and fails as "not CloudTrail" if it is not).
/// </summary>
internal static class RecordKeys
{
    private static readonly string[] CloudTrail =
        ["eventVersion", "eventID", "eventTime", "eventSource", "eventName", "userIdentity", "awsRegion",
         "sourceIPAddress", "requestParameters", "recipientAccountId"];

    private static readonly string[] EventHistory = ["CloudTrailEvent"];

    // Bedrock model invocation logs: CloudTrail records have none of these top-level fields.
    private static readonly string[] BedrockInvocation = ["schemaType", "modelId", "requestId"];

    private static readonly string[] Ocsf = ["class_uid", "category_uid", "type_uid", "activity_id", "metadata"];

    // Not "@timestamp": Logstash adds it to raw CloudTrail records too.
    private static readonly string[] Ecs = ["_source", "_index", "_id", "ecs", "event", "aws"];

    /// <summary>The shape that the property name under <paramref name="reader"/> tells, or null.</summary>
    public static RecordShape? ShapeOf(ref Utf8JsonReader reader)
    {
        if (Any(ref reader, CloudTrail))
        {
            return RecordShape.CloudTrail;
        }
        if (Any(ref reader, Ocsf))
        {
            return RecordShape.Ocsf;
        }
        if (Any(ref reader, Ecs))
        {
            return RecordShape.Ecs;
        }
        if (Any(ref reader, BedrockInvocation))
        {
            return RecordShape.BedrockInvocation;
        }
        return Any(ref reader, EventHistory) ? RecordShape.EventHistory : null;
    }

    private static bool Any(ref Utf8JsonReader reader, string[] names)
    {
        foreach (var name in names)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }
        return false;
    }
}
