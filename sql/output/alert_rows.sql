-- The alerts of a time range, shaped for output (alert_json.sql). $since/$until bound window_end (either may be
-- NULL); $run_time selects the alerts a detect run created or updated (NULL for all); $rule_id one rule's (NULL
-- for all); $status those whose triage status is that (NULL for all).
SELECT {{alert_json}}::VARCHAR AS json
FROM alerts
LEFT JOIN ({{triage}}) USING (alert_id)
WHERE ($since IS NULL OR window_end >= $since)
  AND ($until IS NULL OR window_end <= $until)
  AND ($run_time IS NULL OR updated_at = $run_time)
  AND ($rule_id IS NULL OR rule_id = $rule_id)
  AND ($status IS NULL OR coalesce(triage_status, 'open') = $status)
ORDER BY window_end, user_arn, account_id NULLS FIRST, alert_id
