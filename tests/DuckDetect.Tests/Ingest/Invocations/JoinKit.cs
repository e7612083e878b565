using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Ingest.Invocations;

/// <summary>CloudTrail inference calls and invocation records for the join's tests, and the matches read back.</summary>
public static class JoinKit
{
    public const string Arn = "arn:aws:sts::111122223333:assumed-role/prober/session";

    public const string Haiku = "anthropic.claude-3-haiku-20240307-v1:0";

    /// <summary>A CloudTrail InvokeModel call (CloudTrailJson's defaults: the prober's role, us-east-1, Haiku) with this request id.</summary>
    public static Dictionary<string, object?> Call(string eventId, string requestId, double second, string? model = null, string? arn = null)
    {
        var overrides = new Dictionary<string, object?> { ["requestID"] = requestId };
        if (model is not null)
        {
            overrides["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = model };
        }
        var call = CloudTrailJson.Event(eventId, IngestKit.T0.AddSeconds(second), overrides);
        if (arn is not null)
        {
            ((Dictionary<string, object?>)call["userIdentity"]!)["arn"] = arn;
        }
        return call;
    }

    /// <summary>An InvokeModel invocation record of the same principal, account, region and (by default) model.</summary>
    public static string Invocation(string requestId, double second, string model = Haiku, string operation = "InvokeModel", string arn = Arn) =>
        new JsonObject
        {
            ["schemaType"] = "ModelInvocationLog",
            ["schemaVersion"] = "1.0",
            ["timestamp"] = IngestKit.T0.AddSeconds(second).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["accountId"] = "111122223333",
            ["identity"] = new JsonObject { ["arn"] = arn },
            ["region"] = "us-east-1",
            ["requestId"] = requestId,
            ["operation"] = operation,
            ["modelId"] = model,
            ["input"] = new JsonObject
            {
                ["inputContentType"] = "application/json",
                ["inputTokenCount"] = 3,
                ["inputBodyJson"] = new JsonObject { ["prompt"] = "hello " + requestId, ["max_gen_len"] = 16 },
            },
        }.ToJsonString();

    public static string CallsFile(TempDatabase db, string name, params Dictionary<string, object?>[] calls) =>
        db.WriteInput($"AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/01/{name}.json", CloudTrailJson.Delivery(calls));

    public static string InvocationsFile(TempDatabase db, string name, params string[] records) =>
        db.WriteInput($"AWSLogs/111122223333/BedrockModelInvocationLogs/us-east-1/2024/05/01/12/{name}.json", string.Join('\n', records) + "\n");

    /// <summary>Every match as "request id > event id by method".</summary>
    public static List<string> Matches(TempDatabase db) =>
        db.Query<string>("SELECT request_id || ' > ' || event_id || ' by ' || method FROM invocation_matches ORDER BY request_id, event_id");
}
