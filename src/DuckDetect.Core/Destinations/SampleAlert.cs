using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Destinations;

/// <summary>
/// The alert <c>destinations test</c> sends: shaped as a delivered record of the first rule, with a fresh id and
/// <c>"test": true</c>, its principal and account plainly made up, so that nobody takes it for a real one.
/// </summary>
public static class SampleAlert
{
    public static JsonObject Create(DateTimeOffset now)
    {
        var rule = RuleCatalog.All[0];
        var id = Guid.NewGuid().ToString();
        var end = now.UtcDateTime.AddSeconds(-now.Second);
        return new JsonObject
        {
            ["delivery_key"] = id + "/1",
            ["change"] = "created",
            ["alert_version"] = 1,
            ["change_seq"] = 0,
            ["changed_at"] = Time(now.UtcDateTime),
            ["alert_id"] = id,
            ["rule_id"] = rule.Id,
            ["rule_name"] = rule.Name,
            ["severity"] = rule.Severity,
            ["risk_score"] = rule.RiskScore,
            ["window_start"] = Time(end.AddMinutes(-rule.WindowMinutes)),
            ["window_end"] = Time(end),
            ["user_arn"] = "arn:aws:iam::000000000000:user/duckdetect-destination-test",
            ["account_id"] = "000000000000",
            ["model_id"] = "duckdetect.test-model-v1:0",
            ["inference_call_count"] = rule.Threshold,
            ["event_actions"] = new JsonArray("InvokeModel"),
            ["source_ips"] = new JsonArray("192.0.2.10"),
            ["user_agents"] = new JsonArray("duckdetect-destination-test"),
            ["identity_types"] = new JsonArray("IAMUser"),
            ["access_key_ids"] = new JsonArray("AKIA0000000000TEST00"),
            ["regions"] = new JsonArray("us-east-1"),
            ["source_as_orgs"] = new JsonArray(),
            ["first_seen"] = Time(end.AddMinutes(-rule.WindowMinutes + 1)),
            ["last_seen"] = Time(end.AddMinutes(-1)),
            ["suppression_start"] = Time(end),
            ["suppression_end"] = Time(end),
            ["suppressed_count"] = 0,
            ["created_at"] = Time(now.UtcDateTime),
            ["updated_at"] = Time(now.UtcDateTime),
            ["triage_status"] = "open",
            ["test"] = true,
        };
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
