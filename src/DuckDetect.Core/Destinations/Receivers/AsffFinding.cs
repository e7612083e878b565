using DuckDetect.Core.Alerts;
using System.Text.Json.Nodes;
using DuckDetect.Core.Rules;

namespace DuckDetect.Core.Destinations.Receivers;

/// <summary>
/// An alert change as an AWS Security Finding Format (ASFF 2018-10-08) finding for BatchImportFindings: the finding
/// id is the alert id, so an update changes the same finding (its UpdatedAt, the change's time, moves on); a
/// retraction sets RecordState ARCHIVED; the workflow status comes from triage (taken by Security Hub when the
/// finding is new; later triage goes through BatchUpdateFindings, <see cref="SecurityHubWorkflow"/>).
/// </summary>
public static class AsffFinding
{
    public const string SchemaVersion = "2018-10-08";

    public static JsonObject For(JsonObject alert, string productArn, string accountId, string region)
    {
        var rule = RuleCatalog.Find((string?)alert["rule_id"]);
        var severity = ((string?)alert["severity"] ?? "medium").ToUpperInvariant();
        var retracted = (string?)alert["change"] == AlertChange.Retracted;
        var types = new JsonArray("TTPs/Discovery", "Unusual Behaviors/User");
        var finding = new JsonObject
        {
            ["SchemaVersion"] = SchemaVersion,
            ["Id"] = (string?)alert["alert_id"],
            ["ProductArn"] = productArn,
            ["ProductName"] = "DuckDetect",
            ["CompanyName"] = "DuckDetect",
            ["GeneratorId"] = $"duckdetect/rule/{alert["rule_id"]}",
            ["AwsAccountId"] = accountId,
            ["Region"] = region,
            ["Types"] = types.DeepClone(),
            ["FirstObservedAt"] = (string?)alert["first_seen"],
            ["LastObservedAt"] = (string?)alert["last_seen"],
            ["CreatedAt"] = (string?)alert["created_at"],
            ["UpdatedAt"] = (string?)alert["changed_at"] ?? (string?)alert["updated_at"],
            ["Severity"] = new JsonObject { ["Label"] = severity, ["Original"] = (string?)alert["severity"] },
            ["FindingProviderFields"] = new JsonObject
            {
                ["Severity"] = new JsonObject { ["Label"] = severity, ["Original"] = (string?)alert["severity"] },
                ["Types"] = types,
            },
            ["Title"] = Cut((string?)alert["rule_name"] ?? "DuckDetect alert", 256),
            ["Description"] = Cut(AlertText.Summary(alert) + (rule is null ? "" : ". " + rule.Description), 1024),
            ["ProductFields"] = ProductFields(alert),
            ["Resources"] = Resources(alert, region),
            ["RecordState"] = retracted ? "ARCHIVED" : "ACTIVE",
            ["Workflow"] = new JsonObject { ["Status"] = SecurityHubWorkflow.Status((string?)alert["triage_status"], null) },
        };
        if (retracted)
        {
            finding["Note"] = new JsonObject
            {
                ["Text"] = Cut("Retracted by DuckDetect: " + ((string?)alert["retraction_reason"] ?? "re-evaluation"), 512),
                ["UpdatedBy"] = "DuckDetect",
                ["UpdatedAt"] = (string?)alert["changed_at"],
            };
        }
        return finding;
    }

    /// <summary>The alert's own fields (strings, as ASFF wants them), its revision and the command that investigates it.</summary>
    private static JsonObject ProductFields(JsonObject alert)
    {
        var fields = new JsonObject
        {
            ["duckdetect/alert_id"] = (string?)alert["alert_id"],
            ["duckdetect/revision"] = AlertText.Revision(alert).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["duckdetect/change"] = (string?)alert["change"] ?? AlertChange.Created,
            ["duckdetect/explain"] = AlertText.Explain(alert),
        };
        foreach (var name in new[] { "rule_id", "user_arn", "account_id", "model_id", "inference_call_count", "window_start", "window_end",
                     "suppression_end", "suppressed_count", "source_ip", "source_ips", "access_key_ids", "user_agents", "regions", "retraction_reason" })
        {
            if (alert[name] is { } value)
            {
                fields["duckdetect/" + name] = Cut(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString(), 1024);
            }
        }
        return fields;
    }

    /// <summary>The principal (an IAM user or role, else Other) and the model, each a resource of the finding.</summary>
    private static JsonArray Resources(JsonObject alert, string region)
    {
        var resources = new JsonArray();
        var principals = (string?)alert["user_arn"] is { } arn ? [arn]
            : alert["user_arns"] is JsonArray arns ? arns.Select(a => (string?)a).OfType<string>().Take(10).ToList() : new List<string>();
        foreach (var principal in principals)
        {
            var type = principal.Contains(":user/", StringComparison.Ordinal) ? "AwsIamUser"
                : principal.Contains(":role/", StringComparison.Ordinal) ? "AwsIamRole" : "Other";
            resources.Add((JsonNode)new JsonObject { ["Type"] = type, ["Id"] = Cut(principal, 512), ["Partition"] = "aws", ["Region"] = region });
        }
        var model = (string?)alert["model_id"] ?? "unknown";
        resources.Add((JsonNode)new JsonObject { ["Type"] = "Other", ["Id"] = Cut("bedrock model " + model, 512), ["Partition"] = "aws", ["Region"] = region });
        return resources;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
