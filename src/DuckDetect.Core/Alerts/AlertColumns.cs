namespace DuckDetect.Core.Alerts;

/// <summary>The public columns of the alerts table, in order: the same names in every output format.</summary>
public static class AlertColumns
{
    public static readonly IReadOnlyList<string> Names =
    [
        "alert_id", "rule_id", "rule_name", "severity", "risk_score", "window_start", "window_end",
        "user_arn", "account_id", "model_id", "inference_call_count", "event_actions", "source_ips",
        "user_agents", "identity_types", "access_key_ids", "regions", "source_as_orgs", "first_seen",
        "last_seen", "suppression_start", "suppression_end", "suppressed_count", "created_at", "updated_at", "triage_status",
        // Schema 8: the columns of the rules beyond the seed rule, NULL where a column does not apply to a rule.
        "source_ip", "user_arns", "max_principal_calls", "active_hours", "max_hour_calls", "baseline_calls_per_hour",
        "baseline_ratio",
        // Schema 12: the columns of event rules (match, new terms, sequence), NULL for the threshold rules.
        "event_count", "access_key_id", "model_ids", "new_terms",
        // Schema 13: the AS numbers of the source IPs, beside their organizations (source_as_orgs).
        "source_asns",
    ];

    /// <summary>A delivered record's columns: how the alert changed, its version and key, then the alert.</summary>
    public static readonly IReadOnlyList<string> Delivery =
    [
        "delivery_key", "change", "alert_version", "change_seq", "changed_at", .. Names, "retracted_at", "retraction_reason",
    ];
}
