using System.Globalization;
using System.Text.Json;

namespace DuckDetect.Tests.Support;

/// <summary>Builds CloudTrail records as JSON text for tests.</summary>
public static class CloudTrailJson
{
    /// <summary>One record; <paramref name="overrides"/> replaces or (with null) removes top-level fields.</summary>
    public static Dictionary<string, object?> Event(string eventId, DateTimeOffset time, IDictionary<string, object?>? overrides = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = new Dictionary<string, object?>
            {
                ["type"] = "AssumedRole",
                ["principalId"] = "AROAEXAMPLE:probe",
                ["arn"] = "arn:aws:sts::111122223333:assumed-role/prober/session",
                ["accountId"] = "111122223333",
                ["accessKeyId"] = "ASIAEXAMPLE",
            },
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventSource"] = "bedrock.amazonaws.com",
            ["eventName"] = "InvokeModel",
            ["awsRegion"] = "us-east-1",
            ["sourceIPAddress"] = "198.51.100.7",
            ["userAgent"] = "Boto3/1.34.0",
            ["requestParameters"] = new Dictionary<string, object?> { ["modelId"] = "anthropic.claude-3-haiku-20240307-v1:0" },
            ["responseElements"] = null,
            ["requestID"] = "req-" + eventId,
            ["eventID"] = eventId,
            ["readOnly"] = true,
            ["eventType"] = "AwsApiCall",
            ["managementEvent"] = true,
            ["recipientAccountId"] = "111122223333",
            ["eventCategory"] = "Management",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, object?>())
        {
            if (value is null)
            {
                e.Remove(key);
            }
            else
            {
                e[key] = value;
            }
        }
        return e;
    }

    public static string Delivery(IEnumerable<object> records) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["Records"] = records.ToList() });

    public static string Array(IEnumerable<object> records) => JsonSerializer.Serialize(records.ToList());

    public static string Ndjson(IEnumerable<object> records) =>
        string.Join('\n', records.Select(r => JsonSerializer.Serialize(r))) + "\n";

    public static string Single(object record) => JsonSerializer.Serialize(record, new JsonSerializerOptions { WriteIndented = true });
}
