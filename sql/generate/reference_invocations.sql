-- What the invocation logs give each threshold rule's alert (after reference_alerts.sql), for the manifest:
--   invocation_records  the invocation log records written (invocations.sql) for the successful calls the alert's
--                       opening window counts (its keys: principal or source IP, account, model); 0 when its calls
--                       were not logged, so that its content signals must be unknown
--   probing_verdict     whether the alert must carry the probing verdict ("templated or repetitive probing pattern"):
--                       true for a prober's case (gen_invocation_profiles.probing) whose calls were logged, unless the
--                       same keys' logged calls of the 14 days before the alert's window (its baseline) number 20 or
--                       more: then the baseline is the same probing, and the verdict, which needs the alert to differ
--                       from its baseline (docs/invocation-logs.md), does not fire; false for the others and for an
--                       alert with no invocation records; NULL for an event rule's alert
CREATE OR REPLACE TEMP TABLE gen_alert_invocations AS
SELECT a.alert_id, a.rule_key,
       CASE WHEN r.rule_type = 'threshold' THEN coalesce(n.records, 0) END AS invocation_records,
       CASE WHEN r.rule_type = 'threshold'
            THEN coalesce(n.records, 0) > 0 AND coalesce(f.probing, false) AND coalesce(n.baseline, 0) < 20 END AS probing_verdict
FROM gen_alerts a
JOIN gen_rules r USING (rule_key)
LEFT JOIN gen_invocation_profiles f USING (case_name)
-- One read per alert of its keys' successful logged calls from 14 days before its window to its window's end: those in
-- the window (records), and those before it (the baseline's).
LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE w.event_time >= a.window_end - to_minutes(r.window_minutes))::BIGINT AS records,
           count(*) FILTER (WHERE w.event_time < a.window_end - to_minutes(r.window_minutes))::BIGINT AS baseline
    FROM gen_invocations_written w
    WHERE w.succeeded AND w.account_id = a.account_id AND w.model_id = a.model_id
      AND (a.user_arn IS NULL OR w.arn = a.user_arn)
      AND (a.source_ip IS NULL OR w.source_ip = a.source_ip)
      AND w.event_time >= a.window_end - to_minutes(r.window_minutes) - INTERVAL 14 DAY AND w.event_time < a.window_end
) n ON true;
