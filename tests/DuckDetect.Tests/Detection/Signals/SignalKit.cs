using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using DuckDetect.Tests.Support;

namespace DuckDetect.Tests.Detection.Signals;

/// <summary>
/// Content-signal scenarios: a seed-rule burst in CloudTrail (<see cref="Burst"/>) and hand-made invocation log
/// records of the same principal and model in Converse, InvokeModel (chat history resent) and streamed shapes.
/// </summary>
public static class SignalKit
{
    /// <summary>The burst's first call; 600 calls over the next hour open one seed alert spanning [09:50, 11:10).</summary>
    public static readonly DateTimeOffset BurstStart = DetectionFixture.At("2024-06-10T10:00:00Z");

    public static readonly DateTimeOffset SpanStart = DetectionFixture.At("2024-06-10T09:50:00Z");

    public static readonly DateTimeOffset DetectTo = DetectionFixture.At("2024-06-10T12:00:00Z");

    private static int _requests;

    /// <summary>Ingests the CloudTrail burst that opens the alert.</summary>
    public static void Burst(DetectionFixture f) => f.Ingest(f.Burst(600, BurstStart, TimeSpan.FromHours(1)));

    /// <summary>Writes the calls as one NDJSON invocation log file and ingests it (its own ingest batch).</summary>
    public static void Invocations(DetectionFixture f, IEnumerable<InvocationCall> calls)
    {
        var lines = string.Join('\n', calls.Select(Record)) + "\n";
        var path = f.Db.WriteInput($"invocations/{Interlocked.Increment(ref _requests):D6}.json", lines);
        var summary = f.IngestPaths(path);
        Assert.Empty(summary.Failures);
    }

    /// <summary><paramref name="count"/> calls one minute apart from <paramref name="start"/> (inside the span by default).</summary>
    public static List<InvocationCall> Calls(int count, Func<int, InvocationCall, InvocationCall> shape, DateTimeOffset? start = null) =>
        Enumerable.Range(0, count)
            .Select(i => shape(i, new InvocationCall { Time = (start ?? BurstStart).AddMinutes(i % 60).AddSeconds(i / 60), Prompt = "" }))
            .ToList();

    /// <summary>A long prompt of its own for each <paramref name="i"/>: words that share no shingle with another's.</summary>
    public static string DiversePrompt(int i) =>
        string.Join(' ', Enumerable.Range(0, 24).Select(w => $"w{(i * 7919 + w * 104729) % 1000003:x}")) + " please summarise this.";

    public static string Record(InvocationCall c)
    {
        var id = $"sig-{Interlocked.Increment(ref _requests):D8}";
        JsonNode? input;
        JsonNode? output;
        var operation = "Converse";
        switch (c.Shape)
        {
            case "history":
                operation = "InvokeModel";
                var body = new JsonObject
                {
                    ["anthropic_version"] = "bedrock-2023-05-31",
                    ["messages"] = new JsonArray(
                        new JsonObject { ["role"] = "user", ["content"] = $"an earlier question {id}" },
                        new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "an earlier answer" }) },
                        new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = c.Prompt }) }),
                };
                Settings(body, "temperature", "max_tokens", c);
                input = body;
                output = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = c.Output }), ["stop_reason"] = "end_turn" };
                break;
            case "stream":
                operation = "InvokeModelWithResponseStream";
                var streamBody = new JsonObject
                {
                    ["anthropic_version"] = "bedrock-2023-05-31",
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = c.Prompt }),
                };
                Settings(streamBody, "temperature", "max_tokens", c);
                input = streamBody;
                var half = c.Output.Length / 2;
                output = new JsonArray(
                    new JsonObject { ["type"] = "message_start", ["message"] = new JsonObject { ["role"] = "assistant" } },
                    new JsonObject { ["type"] = "content_block_delta", ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = c.Output[..half] } },
                    new JsonObject { ["type"] = "content_block_delta", ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = c.Output[half..] } },
                    new JsonObject { ["type"] = "message_stop" });
                break;
            default:
                var config = new JsonObject();
                Settings(config, "temperature", "maxTokens", c);
                input = new JsonObject
                {
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = c.Prompt }) }),
                    ["inferenceConfig"] = config,
                };
                output = new JsonObject
                {
                    ["output"] = new JsonObject { ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = new JsonArray(new JsonObject { ["text"] = c.Output }) } },
                    ["stopReason"] = "end_turn",
                };
                break;
        }
        var inputObject = new JsonObject { ["inputContentType"] = "application/json", ["inputTokenCount"] = 20 };
        var outputObject = new JsonObject { ["outputContentType"] = "application/json", ["outputTokenCount"] = c.OutputTokens };
        if (c.Shape == "separate")
        {
            inputObject["inputBodyS3Path"] = $"s3://logs/data/{id}-input.json";
            outputObject["outputBodyS3Path"] = $"s3://logs/data/{id}-output.json";
        }
        else
        {
            inputObject["inputBodyJson"] = input;
            outputObject["outputBodyJson"] = output;
        }
        var record = new JsonObject
        {
            ["schemaType"] = "ModelInvocationLog",
            ["schemaVersion"] = "1.0",
            ["timestamp"] = c.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["accountId"] = DetectionFixture.Account,
            ["identity"] = new JsonObject { ["arn"] = c.Principal },
            ["region"] = "us-east-1",
            ["requestId"] = id,
            ["operation"] = operation,
            ["modelId"] = c.Model,
            ["input"] = inputObject,
            ["output"] = outputObject,
        };
        if (c.Shape == "error")
        {
            record["errorCode"] = "ThrottlingException";
        }
        return record.ToJsonString();
    }

    private static void Settings(JsonObject target, string temperature, string maxTokens, InvocationCall c)
    {
        if (c.Temperature is { } t)
        {
            target[temperature] = t;
        }
        if (c.MaxTokens is { } m)
        {
            target[maxTokens] = m;
        }
    }

    /// <summary>The alert's content signals as text by column (NULL stays null); fails when the alert has no row.</summary>
    public static Dictionary<string, string?> Signals(DetectionFixture f, string? alertId = null)
    {
        alertId ??= f.Alerts().Single().AlertId;
        using var session = f.Db.Open();
        var row = (IDictionary<string, object?>)session.Connection.QuerySingle(
            "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM alert_content_signals WHERE alert_id = $alertId", new { alertId });
        return row.ToDictionary(c => c.Key, c => c.Value as string, StringComparer.Ordinal);
    }

    /// <summary>Detects up to <see cref="DetectTo"/> and returns the (only) alert's content signals.</summary>
    public static Dictionary<string, string?> DetectSignals(DetectionFixture f)
    {
        f.Detect(null, DetectTo.ToString("O"));
        return Signals(f);
    }

    /// <summary>The (only) alert's severity and risk score.</summary>
    public static (string Severity, int RiskScore) Severity(DetectionFixture f) =>
        f.Db.Query<(string, int)>("SELECT severity, risk_score FROM alerts").Single();

    /// <summary>Every content-signal row as comparable text, without the run that computed it.</summary>
    public static List<string> Fingerprints(DetectionFixture f) => f.Db.Query<string>(
        "SELECT to_json(s)::VARCHAR FROM (SELECT * EXCLUDE (detect_run_id, computed_at) FROM alert_content_signals ORDER BY alert_id) s");

    public static double D(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);
}
