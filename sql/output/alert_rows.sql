-- The alerts of a time range, shaped for output: the public column names, timestamps as ISO 8601 UTC text,
-- lists as JSON arrays. $since/$until bound window_end (either may be NULL); $run_time selects the alerts
-- a detect run created or updated (NULL for all); $rule_id one rule's (NULL for all).
SELECT to_json({
    alert_id: alert_id,
    rule_id: rule_id,
    rule_name: rule_name,
    severity: severity,
    risk_score: risk_score,
    window_start: strftime(timezone('UTC', window_start), '%Y-%m-%dT%H:%M:%SZ'),
    window_end: strftime(timezone('UTC', window_end), '%Y-%m-%dT%H:%M:%SZ'),
    user_arn: user_arn,
    account_id: account_id,
    model_id: model_id,
    inference_call_count: inference_call_count,
    event_actions: event_actions,
    source_ips: source_ips,
    user_agents: user_agents,
    identity_types: identity_types,
    access_key_ids: access_key_ids,
    regions: regions,
    source_as_orgs: source_as_orgs,
    first_seen: CASE WHEN microsecond(first_seen) % 1000000 = 0 THEN strftime(timezone('UTC', first_seen), '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(timezone('UTC', first_seen), '%Y-%m-%dT%H:%M:%S.%fZ') END,
    last_seen: CASE WHEN microsecond(last_seen) % 1000000 = 0 THEN strftime(timezone('UTC', last_seen), '%Y-%m-%dT%H:%M:%SZ') ELSE strftime(timezone('UTC', last_seen), '%Y-%m-%dT%H:%M:%S.%fZ') END,
    suppression_start: strftime(timezone('UTC', suppression_start), '%Y-%m-%dT%H:%M:%SZ'),
    suppression_end: strftime(timezone('UTC', suppression_end), '%Y-%m-%dT%H:%M:%SZ'),
    suppressed_count: suppressed_count,
    created_at: strftime(timezone('UTC', created_at), '%Y-%m-%dT%H:%M:%S.%fZ'),
    updated_at: strftime(timezone('UTC', updated_at), '%Y-%m-%dT%H:%M:%S.%fZ')
})::VARCHAR AS json
FROM alerts
WHERE ($since IS NULL OR window_end >= $since)
  AND ($until IS NULL OR window_end <= $until)
  AND ($run_time IS NULL OR updated_at = $run_time)
  AND ($rule_id IS NULL OR rule_id = $rule_id)
ORDER BY window_end, user_arn, account_id NULLS FIRST, alert_id
