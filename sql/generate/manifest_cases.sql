-- One row per planted case for the manifest: what each rule must do with it and the alerts they raise on it
-- (from gen_alerts, in window-end order); lists and maps as JSON text.
WITH principals AS (
    SELECT case_name, list(arn ORDER BY member_no) AS arns FROM gen_principals WHERE pool = 'planted' GROUP BY case_name
), stats AS (
    SELECT case_name,
           list(DISTINCT model_id ORDER BY model_id) FILTER (WHERE model_id IS NOT NULL) AS model_ids,
           list(DISTINCT region ORDER BY region) AS regions,
           list(DISTINCT event_name ORDER BY event_name) AS event_names,
           list(DISTINCT source_ip ORDER BY source_ip) AS source_ips,
           min(first_event) AS first_event, max(last_event) AS last_event,
           sum(calls)::BIGINT AS calls, sum(successful_calls)::BIGINT AS successful_calls
    FROM gen_case_stats GROUP BY case_name
), windows AS (
    SELECT p.case_name, max(w.calls)::BIGINT AS max_window_calls
    FROM gen_windows w JOIN gen_principals p ON p.arn = w.arn AND p.account_id = w.account_id AND p.pool = 'planted'
    WHERE w.rule_key = 'seed'
    GROUP BY p.case_name
), expectations AS (
    SELECT e.case_name, map_from_entries(list({'k': r.rule_id, 'v': e.expected} ORDER BY r.rule_no)) AS expected
    FROM gen_case_expectations e JOIN gen_rules r USING (rule_key)
    GROUP BY e.case_name
), invocations AS (
    SELECT case_name, count(*)::BIGINT AS records FROM gen_invocations_written GROUP BY case_name
), alerts AS (
    SELECT a.case_name,
           list({'rule_id': a.rule_id, 'alert_id': a.alert_id, 'window_end': gen_iso(a.window_end), 'user_arn': a.user_arn,
                 'account_id': a.account_id, 'model_id': a.model_id, 'source_ip': a.source_ip, 'user_arns': a.user_arns,
                 'calls': a.calls, 'access_key_id': a.access_key_id, 'case': a.case_name,
                 'invocation_records': i.invocation_records, 'probing_verdict': i.probing_verdict}
                ORDER BY a.window_end, r.rule_no, a.alert_id) AS alerts
    FROM gen_alerts a JOIN gen_rules r USING (rule_key) LEFT JOIN gen_alert_invocations i USING (alert_id, rule_key)
    WHERE a.case_name IS NOT NULL
    GROUP BY a.case_name
)
SELECT
    c.case_name AS Name,
    c.description AS Description,
    c.kind AS Kind,
    r.rule_id AS RuleId,
    to_json(e.expected)::VARCHAR AS ExpectedJson,
    a.account_id AS Account,
    to_json(s.regions)::VARCHAR AS RegionsJson,
    to_json(pr.arns)::VARCHAR AS PrincipalArnsJson,
    to_json(coalesce(s.model_ids, []))::VARCHAR AS ModelIdsJson,
    to_json(s.event_names)::VARCHAR AS EventNamesJson,
    to_json(s.source_ips)::VARCHAR AS SourceIpsJson,
    gen_iso(s.first_event) AS FirstEvent,
    gen_iso(s.last_event) AS LastEvent,
    s.calls AS Calls,
    s.successful_calls AS SuccessfulCalls,
    coalesce(w.max_window_calls, 0) AS MaxWindowCalls,
    to_json(coalesce(al.alerts, []))::VARCHAR AS AlertsJson,
    coalesce(pf.profile, CASE WHEN iv.records > 0 THEN 'application' END) AS InvocationProfile,
    coalesce(iv.records, 0) AS InvocationRecords
FROM gen_cases c
JOIN gen_accounts a USING (account_no)
JOIN principals pr USING (case_name)
JOIN stats s USING (case_name)
JOIN expectations e USING (case_name)
LEFT JOIN windows w USING (case_name)
LEFT JOIN alerts al USING (case_name)
LEFT JOIN invocations iv USING (case_name)
LEFT JOIN gen_invocation_profiles pf USING (case_name)
LEFT JOIN gen_rules r ON r.rule_key = c.rule_key
ORDER BY s.first_event, c.case_name
