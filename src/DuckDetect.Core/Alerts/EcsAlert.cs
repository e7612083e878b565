using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Alerts;

/// <summary>
/// <c>--format ecs</c>: an alert as Elastic's detection engine writes one for an ES|QL rule with suppression
/// (<c>kibana.alert.*</c>, <c>event.kind: signal</c>, the rule's <c>Esql.*</c> output under its ES|QL names), for
/// Elasticsearch's <c>_bulk</c> API: an <c>index</c> action with the alert id as <c>_id</c>, then the document. Sent
/// again, a document replaces itself; a retracted alert is sent with <c>kibana.alert.status: untracked</c>.
/// </summary>
public static class EcsAlert
{
    /// <summary>The ECS field of each alert column that a rule can group or suppress by.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["user_arn"] = "aws.cloudtrail.user_identity.arn",
        ["account_id"] = "cloud.account.id",
        ["model_id"] = "Esql.model_id",
        ["source_ip"] = "source.ip",
        ["access_key_id"] = "aws.cloudtrail.user_identity.access_key_id",
    };

    public static JsonObject Action(JsonObject alert) =>
        new() { ["index"] = new JsonObject { ["_id"] = Copy(alert["alert_id"]) } };

    public static JsonObject Document(JsonObject alert)
    {
        var ruleId = (string?)alert["rule_id"] ?? "";
        var rule = RuleCatalog.Find(ruleId);
        var retracted = (string?)alert["change"] == "retracted";
        var doc = new JsonObject
        {
            ["@timestamp"] = Copy(alert["created_at"]),
            ["event.kind"] = "signal",
            ["kibana.alert.uuid"] = Copy(alert["alert_id"]),
            ["kibana.alert.status"] = retracted ? "untracked" : "active",
            ["kibana.alert.workflow_status"] = Copy(alert["triage_status"]) ?? "open",
            ["kibana.alert.rule.uuid"] = ruleId,
            ["kibana.alert.rule.rule_id"] = ruleId,
            ["kibana.alert.rule.name"] = Copy(alert["rule_name"]),
            // Elastic's type of the rule: ES|QL for the counts, and the event rules' own (query, new_terms, eql).
            ["kibana.alert.rule.type"] = (rule?.Type) switch
            {
                "match" => "query",
                "new_terms" => "new_terms",
                "sequence" => "eql",
                _ => "esql",
            },
            ["kibana.alert.rule.description"] = rule?.Description,
            ["kibana.alert.rule.tags"] = rule is null ? null : new JsonArray(rule.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["kibana.alert.rule.references"] = rule is null ? null : new JsonArray(rule.References.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["kibana.alert.severity"] = Copy(alert["severity"]),
            ["kibana.alert.risk_score"] = Copy(alert["risk_score"]),
            ["kibana.alert.original_time"] = Copy(alert["window_end"]),
            ["kibana.alert.start"] = Copy(alert["created_at"]),
            ["kibana.alert.last_detected"] = Copy(alert["updated_at"]),
            ["kibana.alert.suppression.terms"] = Terms(alert, rule),
            ["kibana.alert.suppression.start"] = Copy(alert["suppression_start"]),
            ["kibana.alert.suppression.end"] = Copy(alert["suppression_end"]),
            ["kibana.alert.suppression.docs_count"] = Copy(alert["suppressed_count"]),
            ["aws.cloudtrail.user_identity.arn"] = Copy(alert["user_arn"]),
            ["cloud.account.id"] = Copy(alert["account_id"]),
            ["aws.cloudtrail.user_identity.access_key_id"] = Copy(alert["access_key_id"]),
            ["cloud.provider"] = "aws",
            ["Esql.model_id"] = Copy(alert["model_id"]),
            ["Esql.inference_call_count"] = Copy(alert["inference_call_count"]),
            ["Esql.event_action_values"] = Copy(alert["event_actions"]),
            ["Esql.source_ip_values"] = Copy(alert["source_ips"]),
            ["Esql.user_agent_original_values"] = Copy(alert["user_agents"]),
            ["Esql.aws_cloudtrail_user_identity_type_values"] = Copy(alert["identity_types"]),
            ["Esql.aws_cloudtrail_user_identity_access_key_id_values"] = Copy(alert["access_key_ids"]),
            ["Esql.cloud_region_values"] = Copy(alert["regions"]),
            ["Esql.source_as_organization_name_values"] = Copy(alert["source_as_orgs"]),
            // ECS's own AS fields, as Elastic's GeoIP ASN enrichment fills them: arrays, one value per distinct AS of
            // the alert's source IPs; left out when no source IP had an AS.
            ["source.as.number"] = NonEmpty(alert["source_asns"]),
            ["source.as.organization.name"] = NonEmpty(alert["source_as_orgs"]),
            ["duckdetect.window_start"] = Copy(alert["window_start"]),
            ["duckdetect.window_end"] = Copy(alert["window_end"]),
            ["duckdetect.first_seen"] = Copy(alert["first_seen"]),
            ["duckdetect.last_seen"] = Copy(alert["last_seen"]),
        };
        foreach (var field in new[] { "source.as.number", "source.as.organization.name" }.Where(f => doc[f] is null))
        {
            doc.Remove(field);
        }
        // Delivered records say how the alert changed; a retraction, why.
        foreach (var (column, field) in new[]
                 {
                     ("change", "duckdetect.change"), ("alert_version", "duckdetect.alert_version"),
                     ("change_seq", "duckdetect.change_seq"), ("retracted_at", "duckdetect.retracted_at"),
                     ("retraction_reason", "duckdetect.retraction_reason"),
                 })
        {
            if (alert[column] is { } value)
            {
                doc[field] = value.DeepClone();
            }
        }
        foreach (var (name, value) in alert.Where(p => !KnownColumns.Contains(p.Key) && p.Value is not null))
        {
            // Columns other rules add (NULL where they do not apply), under the rule's output namespace.
            doc["Esql." + name] = value!.DeepClone();
        }
        return doc;
    }

    /// <summary>
    /// The columns the document maps above (and the delivery key, which is the action's concern). Every other column
    /// of the alert goes out as <c>Esql.&lt;column&gt;</c>: listing the mapped ones, not the known ones, keeps a column
    /// a schema adds (user_arns, baseline_ratio...) from being dropped.
    /// </summary>
    private static readonly HashSet<string> KnownColumns =
    [
        "alert_id", "rule_id", "rule_name", "severity", "risk_score", "window_start", "window_end", "user_arn",
        "account_id", "model_id", "inference_call_count", "event_actions", "source_ips", "user_agents", "identity_types",
        "access_key_ids", "regions", "source_as_orgs", "source_asns", "first_seen", "last_seen", "suppression_start", "suppression_end",
        "suppressed_count", "created_at", "updated_at", "triage_status", "change", "alert_version", "change_seq",
        "retracted_at", "retraction_reason", "delivery_key", "changed_at", "access_key_id",
    ];

    /// <summary>The suppression fields with the alert's values, as Elastic lists them (field and value list).</summary>
    private static JsonArray Terms(JsonObject alert, RuleDefinition? rule)
    {
        var fields = rule?.Suppression.GroupBy ?? ["user_arn", "account_id"];
        return new JsonArray(fields.Select(f => (JsonNode?)new JsonObject
        {
            ["field"] = Fields.GetValueOrDefault(f, f),
            ["value"] = alert[f] is { } v ? new JsonArray(v.DeepClone()) : new JsonArray(),
        }).ToArray());
    }

    private static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    private static JsonNode? NonEmpty(JsonNode? node) => node is JsonArray { Count: > 0 } list ? list.DeepClone() : null;
}
