using System.Globalization;
using System.Text.Json;
using DuckDetect.Core.Rules;

namespace DuckDetect.Tests.Support;

/// <summary>The CloudTrail records of a rule's case (<see cref="RuleCase"/>), each laid over a plain Bedrock call.</summary>
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
