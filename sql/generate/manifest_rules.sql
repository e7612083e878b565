-- One row per rule for the manifest: its parameters, the background traffic measured against it, and every alert
-- it must raise (planted cases' and background's, in window-end order); lists and maps as JSON text.
-- MaxWindowCalls: the most successful calls a background group has in one window of the rule (for the
-- credential-distributed rule, the calls of background principals in one (account, model, source IP) window).
WITH planted AS (
    SELECT DISTINCT arn, account_id FROM gen_principals WHERE pool = 'planted'
), background_peaks AS (
    SELECT w.rule_key, max(w.calls)::BIGINT AS peak
    FROM gen_windows w ANTI JOIN planted p ON p.arn = w.arn AND p.account_id = w.account_id
    GROUP BY w.rule_key
    UNION ALL
    SELECT 'credential_distributed', max(background_calls)::BIGINT FROM gen_source_windows
    UNION ALL
    SELECT 'low_and_slow', max(w.calls)::BIGINT
    FROM gen_day_windows w ANTI JOIN planted p ON p.arn = w.arn AND p.account_id = w.account_id
), alerts AS (
    SELECT rule_key,
           count(*) FILTER (WHERE case_name IS NULL)::BIGINT AS background_alerts,
           list({'rule_id': rule_id, 'alert_id': alert_id, 'window_end': gen_iso(window_end), 'user_arn': user_arn,
                 'account_id': account_id, 'model_id': model_id, 'source_ip': source_ip, 'user_arns': user_arns,
                 'calls': calls, 'access_key_id': access_key_id, 'case': case_name,
                 'invocation_records': i.invocation_records, 'probing_verdict': i.probing_verdict}
                ORDER BY window_end, alert_id) AS alerts
    FROM gen_alerts LEFT JOIN gen_alert_invocations i USING (alert_id, rule_key)
    GROUP BY rule_key
)
SELECT
    r.rule_id AS Id,
    r.rule_key AS Key,
    r.name AS Name,
    r.rule_type AS RuleType,
    r.reads AS Reads,
    r.event_source AS EventSource,
    to_json(r.event_names)::VARCHAR AS EventNamesJson,
    r.counts AS Counts,
    to_json(r.group_by)::VARCHAR AS GroupByJson,
    r.threshold::BIGINT AS Threshold,
    r.window_minutes AS WindowMinutes,
    r.interval_minutes AS IntervalMinutes,
    to_json(r.suppress_by)::VARCHAR AS SuppressByJson,
    r.suppression_minutes AS SuppressionMinutes,
    to_json(r.settings)::VARCHAR AS SettingsJson,
    coalesce(b.peak, 0) AS MaxWindowCalls,
    coalesce(a.background_alerts, 0) AS BackgroundAlerts,
    r.background_may_alert AS BackgroundMayAlert,
    r.background_note AS BackgroundNote,
    to_json(coalesce(a.alerts, []))::VARCHAR AS AlertsJson
FROM gen_rules r
LEFT JOIN background_peaks b USING (rule_key)
LEFT JOIN alerts a USING (rule_key)
ORDER BY r.rule_no
