-- One row per planted case for the manifest; lists as JSON text.
WITH principals AS (
    SELECT case_name, list(arn ORDER BY member_no) AS arns FROM gen_principals WHERE pool = 'planted' GROUP BY case_name
), stats AS (
    SELECT case_name,
           list(DISTINCT model_id ORDER BY model_id) AS model_ids,
           list(DISTINCT region ORDER BY region) AS regions,
           list(DISTINCT event_name ORDER BY event_name) AS event_names,
           min(first_event) AS first_event, max(last_event) AS last_event,
           sum(calls)::BIGINT AS calls, sum(successful_calls)::BIGINT AS successful_calls
    FROM gen_case_stats GROUP BY case_name
), windows AS (
    SELECT p.case_name, max(w.calls)::BIGINT AS max_window_calls
    FROM gen_windows w JOIN gen_principals p ON p.arn = w.arn AND p.account_id = w.account_id AND p.pool = 'planted'
    GROUP BY p.case_name
), alerts AS (
    SELECT p.case_name,
           list({'window_end': gen_iso(a.window_end), 'arn': a.arn, 'model_id': a.model_id, 'calls': a.calls}
                ORDER BY a.window_end, a.arn) AS alerts
    FROM gen_alerts a JOIN gen_principals p ON p.arn = a.arn AND p.account_id = a.account_id AND p.pool = 'planted'
    GROUP BY p.case_name
)
SELECT
    c.case_name AS Name,
    c.description AS Description,
    c.expected AS Expected,
    a.account_id AS Account,
    to_json(s.regions)::VARCHAR AS RegionsJson,
    to_json(pr.arns)::VARCHAR AS PrincipalArnsJson,
    to_json(s.model_ids)::VARCHAR AS ModelIdsJson,
    to_json(s.event_names)::VARCHAR AS EventNamesJson,
    gen_iso(s.first_event) AS FirstEvent,
    gen_iso(s.last_event) AS LastEvent,
    s.calls AS Calls,
    s.successful_calls AS SuccessfulCalls,
    coalesce(w.max_window_calls, 0) AS MaxWindowCalls,
    to_json(coalesce(al.alerts, [])) ::VARCHAR AS AlertsJson
FROM gen_cases c
JOIN gen_accounts a USING (account_no)
JOIN principals pr USING (case_name)
JOIN stats s USING (case_name)
LEFT JOIN windows w USING (case_name)
LEFT JOIN alerts al USING (case_name)
ORDER BY s.first_event, c.case_name
