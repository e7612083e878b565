using System.Globalization;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Alerts;

/// <summary>
/// <c>--format ocsf</c>: an alert as an OCSF 1.1 Detection Finding (class 2004, category Findings), one JSON object
/// a line: finding_info (the alert id, the rule as a Rule analytic), severity, time, status from triage, the
/// principal, model and source IPs as observables and evidences (with the source's autonomous system where the alert
/// has one IP), and the cloud account. A delivered change maps to
/// the activity: created 1 (Create), updated 2 (Update), retracted 3 (Close, status Other "Retracted").
/// </summary>
public static class OcsfFinding
{
    public const int ClassUid = 2004;
    public const int CategoryUid = 2;
    public const string SchemaVersion = "1.1.0";

    /// <summary>The finding, without the attributes that have no value.</summary>
    public static JsonObject From(JsonObject alert) => WithoutNulls(Build(alert));

    private static JsonObject Build(JsonObject alert)
    {
        var ruleId = (string?)alert["rule_id"] ?? "";
        var rule = RuleCatalog.Find(ruleId);
        var (activityId, activity) = (string?)alert["change"] switch
        {
            "retracted" => (3, "Close"),
            "updated" => (2, "Update"),
            "created" => (1, "Create"),
            _ => (string?)alert["created_at"] == (string?)alert["updated_at"] ? (1, "Create") : (2, "Update"),
        };
        var (statusId, status) = Status(alert, activityId == 3);
        var (severityId, severity) = Severity((string?)alert["severity"]);
        var user = (string?)alert["user_arn"];
        var account = (string?)alert["account_id"];
        var model = (string?)alert["model_id"];
        var ips = Strings(alert["source_ips"]);
        return new JsonObject
        {
            ["activity_id"] = activityId,
            ["activity_name"] = activity,
            ["category_uid"] = CategoryUid,
            ["category_name"] = "Findings",
            ["class_uid"] = ClassUid,
            ["class_name"] = "Detection Finding",
            ["type_uid"] = (ClassUid * 100) + activityId,
            ["type_name"] = "Detection Finding: " + activity,
            ["time"] = Millis(alert["changed_at"] ?? alert["updated_at"]),
            ["start_time"] = Millis(alert["window_start"]),
            ["end_time"] = Millis(alert["suppression_end"]),
            ["severity_id"] = severityId,
            ["severity"] = severity,
            ["risk_score"] = Copy(alert["risk_score"]),
            ["status_id"] = statusId,
            ["status"] = status,
            ["status_detail"] = Copy(alert["retraction_reason"]),
            ["message"] = AlertText.Summary(alert),
            ["metadata"] = new JsonObject
            {
                ["version"] = SchemaVersion,
                ["uid"] = alert["delivery_key"] is { } key ? key.DeepClone() : Copy(alert["alert_id"]),
                ["product"] = new JsonObject { ["name"] = "DuckDetect", ["vendor_name"] = "DuckDetect" },
                ["log_name"] = "alerts",
                ["original_time"] = Copy(alert["window_end"]),
            },
            ["finding_info"] = new JsonObject
            {
                ["uid"] = Copy(alert["alert_id"]),
                ["title"] = Copy(alert["rule_name"]),
                ["desc"] = rule?.Description,
                ["types"] = new JsonArray((rule?.Tags.Where(t => t.StartsWith("Tactic: ", StringComparison.Ordinal) || t.StartsWith("Mitre Atlas: ", StringComparison.Ordinal))
                    ?? []).Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["analytic"] = new JsonObject
                {
                    ["uid"] = ruleId,
                    ["name"] = Copy(alert["rule_name"]),
                    ["type_id"] = 1,
                    ["type"] = "Rule",
                },
                ["created_time"] = Millis(alert["created_at"]),
                ["modified_time"] = Millis(alert["updated_at"]),
                ["first_seen_time"] = Millis(alert["first_seen"]),
                ["last_seen_time"] = Millis(alert["last_seen"]),
                ["data_sources"] = new JsonArray("AWS CloudTrail"),
            },
            ["cloud"] = new JsonObject
            {
                ["provider"] = "AWS",
                ["region"] = Strings(alert["regions"]).FirstOrDefault(),
                ["account"] = account is null ? null : new JsonObject { ["uid"] = account, ["type"] = "AWS Account", ["type_id"] = 10 },
            },
            ["observables"] = new JsonArray([
                .. user is null ? [] : new[] { Observable("actor.user.uid", "User", 21, user) },
                .. model is null ? [] : new[] { Observable("resources.uid", "Resource UID", 10, model) },
                .. ips.Select(ip => Observable("src_endpoint.ip", "IP Address", 2, ip)),
            ]),
            ["evidences"] = new JsonArray((ips.Count == 0 ? [null] : ips.Select(ip => (string?)ip)).Select(ip => (JsonNode?)Evidence(alert, user, account, ip)).ToArray()),
            ["resources"] = model is null ? null : new JsonArray(new JsonObject { ["uid"] = model, ["type"] = "AWS::Bedrock::FoundationModel" }),
            ["unmapped"] = Unmapped(alert),
        };
    }

    /// <summary>Triage to the finding's status: open New, acknowledged In Progress, closed Resolved (Suppressed when benign or a false positive).</summary>
    private static (int Id, string Caption) Status(JsonObject alert, bool retracted) => retracted
        ? (99, "Retracted")
        : (string?)alert["triage_status"] switch
        {
            "acknowledged" => (2, "In Progress"),
            "closed" => (4, "Resolved"),
            _ => (1, "New"),
        };

    private static (int Id, string Caption) Severity(string? severity) => severity switch
    {
        "low" => (2, "Low"),
        "medium" => (3, "Medium"),
        "high" => (4, "High"),
        "critical" => (5, "Critical"),
        _ => (0, "Unknown"),
    };

    private static JsonObject Evidence(JsonObject alert, string? user, string? account, string? ip) => new()
    {
        ["actor"] = new JsonObject
        {
            ["user"] = new JsonObject
            {
                ["uid"] = user,
                ["type_id"] = 99,
                ["type"] = Strings(alert["identity_types"]).FirstOrDefault(),
                ["credential_uid"] = Strings(alert["access_key_ids"]).FirstOrDefault(),
                ["account"] = account is null ? null : new JsonObject { ["uid"] = account, ["type"] = "AWS Account", ["type_id"] = 10 },
            },
        },
        ["api"] = new JsonObject
        {
            ["operation"] = string.Join(",", Strings(alert["event_actions"])),
            ["service"] = new JsonObject { ["name"] = "bedrock.amazonaws.com" },
        },
        ["src_endpoint"] = ip is null ? null : new JsonObject { ["ip"] = ip, ["autonomous_system"] = AutonomousSystem(alert) },
    };

    /// <summary>
    /// The source endpoint's AS, where the alert says which it is: an alert with one source IP and one AS (the lists
    /// do not pair IPs with ASes, so an alert of several IPs keeps its source_asns and source_as_orgs in unmapped).
    /// </summary>
    private static JsonObject? AutonomousSystem(JsonObject alert) =>
        Strings(alert["source_ips"]).Count == 1 && alert["source_asns"] is JsonArray { Count: 1 } numbers
            ? new JsonObject
            {
                ["number"] = numbers[0]?.DeepClone(),
                ["name"] = Strings(alert["source_as_orgs"]) is [var name] ? name : null,
            }
            : null;

    private static JsonObject Observable(string name, string type, int typeId, string value) =>
        new() { ["name"] = name, ["type"] = type, ["type_id"] = typeId, ["value"] = value };

    /// <summary>The alert's own columns OCSF has no attribute for, under their names.</summary>
    private static JsonObject Unmapped(JsonObject alert)
    {
        var unmapped = new JsonObject();
        foreach (var (name, value) in alert)
        {
            if (value is not null && !Mapped.Contains(name))
            {
                unmapped[name] = value.DeepClone();
            }
        }
        return unmapped;
    }

    private static readonly HashSet<string> Mapped =
    [
        "alert_id", "rule_id", "rule_name", "severity", "risk_score", "window_start", "suppression_end", "user_arn",
        "account_id", "model_id", "source_ips", "regions", "created_at", "updated_at", "first_seen", "last_seen",
        "triage_status", "change", "changed_at", "retraction_reason", "delivery_key",
    ];

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(v => (string?)v).OfType<string>().ToList() : [];

    private static long? Millis(JsonNode? node) =>
        (string?)node is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeMilliseconds()
            : null;

    private static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    private static JsonObject WithoutNulls(JsonObject node)
    {
        foreach (var name in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            node.Remove(name);
        }
        foreach (var child in node.Select(p => p.Value).ToList())
        {
            switch (child)
            {
                case JsonObject o:
                    WithoutNulls(o);
                    break;
                case JsonArray a:
                    foreach (var item in a.OfType<JsonObject>())
                    {
                        WithoutNulls(item);
                    }
                    break;
            }
        }
        return node;
    }
}
