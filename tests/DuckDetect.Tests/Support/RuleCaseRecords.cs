using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Support;

/// <summary>
/// The records of a rule's case (<see cref="RuleCase"/>): CloudTrail's, each laid over a plain Bedrock call, and
/// model invocation logs', each laid over a plain invocation.
/// </summary>
public static class RuleCaseRecords
{
    /// <summary>
    /// The case's records: event ids <c>{idPrefix}-{n}</c>, event times moved by <paramref name="shift"/> (to plant a
    /// case into other data).
    /// </summary>
    public static List<Dictionary<string, object?>> Of(RuleCase @case, string idPrefix, TimeSpan shift = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.Events.Select((e, i) => Record(e, $"{idPrefix}-{i}", shift)).ToList();
    }

    /// <summary>
    /// The case's model invocation log records as NDJSON (null when it has none): request ids <c>{idPrefix}-{n}-{k}</c>,
    /// times moved by <paramref name="shift"/>.
    /// </summary>
    public static string? Invocations(RuleCase @case, string idPrefix, TimeSpan shift = default)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (@case.Invocations.Count == 0)
        {
            return null;
        }
        var lines = @case.Invocations.SelectMany((overlay, n) =>
        {
            var repeat = overlay.TryGetProperty("$repeat", out var r) ? r.GetInt32() : 1;
            return Enumerable.Range(0, repeat).Select(k => Invocation(overlay, $"{idPrefix}-{n}-{k}", shift + TimeSpan.FromSeconds(k)));
        });
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A plain invocation (a Converse call that succeeded, no guardrail) with the overlay laid over it.</summary>
    private static string Invocation(JsonElement overlay, string requestId, TimeSpan shift)
    {
        var record = JsonNode.Parse(PlainInvocation)!.AsObject();
        foreach (var field in overlay.EnumerateObject().Where(f => f.Name != "$repeat"))
        {
            if (field.Name is "input" or "output" && field.Value.ValueKind == JsonValueKind.Object)
            {
                var inner = record[field.Name]!.AsObject();
                foreach (var part in field.Value.EnumerateObject())
                {
                    inner[part.Name] = JsonNode.Parse(part.Value.GetRawText());
                }
            }
            else
            {
                record[field.Name] = JsonNode.Parse(field.Value.GetRawText());
            }
        }
        record["requestId"] = requestId;
        var time = DetectionFixture.At(record["timestamp"]!.GetValue<string>()) + shift;
        record["timestamp"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return record.ToJsonString();
    }

    private const string PlainInvocation =
        """
        {"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"2026-03-02T00:00:00Z","accountId":"111122223333",
         "identity":{"arn":"arn:aws:sts::111122223333:assumed-role/app/session"},"region":"us-east-1","requestId":"",
         "operation":"Converse","modelId":"anthropic.claude-3-haiku-20240307-v1:0",
         "input":{"inputContentType":"application/json","inputTokenCount":20,
                  "inputBodyJson":{"messages":[{"role":"user","content":[{"text":"Summarise the meeting notes"}]}],"inferenceConfig":{"maxTokens":512}}},
         "output":{"outputContentType":"application/json","outputTokenCount":40,
                   "outputBodyJson":{"output":{"message":{"role":"assistant","content":[{"text":"Here is a summary."}]}},"stopReason":"end_turn"}}}
        """;

    /// <summary>The latest time of the case's records, CloudTrail's and invocation logs'.</summary>
    public static DateTimeOffset Last(RuleCase @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.Events.Select(e => e.GetProperty("eventTime").GetString()!)
            .Concat(@case.Invocations.Select(i => i.TryGetProperty("timestamp", out var t) ? t.GetString()! : "2026-03-02T00:00:00Z"))
            .Max(DetectionFixture.At);
    }

    /// <summary>A record laid over a plain Bedrock call: top-level fields replace, userIdentity's merge.</summary>
    private static Dictionary<string, object?> Record(JsonElement overlay, string id, TimeSpan shift)
    {
        var record = CloudTrailJson.Event(id, DetectionFixture.At("2026-03-02T00:00:00Z"));
        foreach (var field in overlay.EnumerateObject())
        {
            if (field.Name == "userIdentity")
            {
                var identity = (Dictionary<string, object?>)record["userIdentity"]!;
                foreach (var inner in field.Value.EnumerateObject())
                {
                    identity[inner.Name] = inner.Value.ValueKind == JsonValueKind.Null ? null : inner.Value.Clone();
                }
            }
            else
            {
                record[field.Name] = field.Value.ValueKind == JsonValueKind.Null ? null : field.Value.Clone();
            }
        }
        if (shift != TimeSpan.Zero)
        {
            var time = DetectionFixture.At(overlay.GetProperty("eventTime").GetString()!) + shift;
            record["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
        return record;
    }
}
