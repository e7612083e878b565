-- What the HTML report shows, as one JSON object, for the alerts whose window ends in [$from, $to]: alerts per day by
-- rule and triage status (an alert's status is its current triage, triage/current.sql filled in below, 'open' when none), the alerting
-- principals (the $charts busiest with their calls per interval bucket from alert_timeline and their alert windows),
-- the latest alerts, and run health (detect and ingest run durations, failed files). Lists are capped by the
-- parameters and their totals given, so that the report can say what it left out.
WITH
chosen AS MATERIALIZED (
    SELECT a.*, coalesce(t.triage_status, 'open') AS status
    FROM alerts a
    LEFT JOIN (
        {{triage}}
    ) t USING (alert_id)
    WHERE a.window_end >= $from AND a.window_end <= $to
),
principals AS MATERIALIZED (
    SELECT user_arn, account_id, count(*) AS alerts, max(inference_call_count) AS peak,
           min(window_end) AS first_window_end, max(suppression_end) AS last_suppression_end,
           list(DISTINCT rule_id ORDER BY rule_id) AS rule_ids, list(DISTINCT model_id ORDER BY model_id) AS models,
           count(*) FILTER (WHERE status = 'open') AS open_alerts,
           row_number() OVER (ORDER BY count(*) DESC, max(inference_call_count) DESC, user_arn, account_id) AS rank
    FROM chosen
    GROUP BY user_arn, account_id
),
charted AS (
    SELECT * FROM principals WHERE rank <= $charts
),
-- The charted principals' calls per bucket and model; overlapping timelines of two alerts give the same bucket once.
series AS (
    SELECT t.user_arn, t.account_id, t.model_id, t.bucket_start, any_value(t.calls) AS calls, any_value(t.window_calls) AS window_calls
    FROM alert_timeline t
    JOIN charted p ON p.user_arn = t.user_arn AND p.account_id IS NOT DISTINCT FROM t.account_id
    WHERE t.alert_id IN (SELECT alert_id FROM chosen)
    GROUP BY ALL
)
SELECT to_json({
    alerts_total: (SELECT count(*) FROM chosen),
    principals_total: (SELECT count(*) FROM principals),
    first_window_end: (SELECT strftime(min(window_end), '%Y-%m-%dT%H:%M:%SZ') FROM chosen),
    last_window_end: (SELECT strftime(max(window_end), '%Y-%m-%dT%H:%M:%SZ') FROM chosen),
    per_day: (
        SELECT list({day: strftime(day, '%Y-%m-%d'), rule_id: rule_id, status: status, alerts: alerts} ORDER BY day, rule_id, status)
        FROM (SELECT date_trunc('day', window_end) AS day, rule_id, status, count(*) AS alerts FROM chosen GROUP BY ALL)),
    statuses: (SELECT list({status: status, alerts: alerts} ORDER BY alerts DESC, status)
               FROM (SELECT status, count(*) AS alerts FROM chosen GROUP BY status)),
    principals: (
        SELECT list({user_arn: user_arn, account_id: account_id, alerts: alerts, open_alerts: open_alerts, peak: peak,
                     models: models, rule_ids: rule_ids,
                     first_window_end: strftime(first_window_end, '%Y-%m-%dT%H:%M:%SZ'),
                     last_suppression_end: strftime(last_suppression_end, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY rank)
        FROM principals WHERE rank <= $principal_rows),
    charts: (
        SELECT list({user_arn: p.user_arn, account_id: p.account_id, rule_id: p.rule_ids[1], alerts: p.alerts,
                     windows: (SELECT list({"start": epoch(c.window_start), "end": epoch(c.suppression_end), alert_id: c.alert_id} ORDER BY c.window_start)
                               FROM chosen c WHERE c.user_arn = p.user_arn AND c.account_id IS NOT DISTINCT FROM p.account_id),
                     series: (SELECT list({model_id: model_id, points: points} ORDER BY model_id)
                              FROM (SELECT s.model_id, list([epoch(s.bucket_start), s.calls, s.window_calls] ORDER BY s.bucket_start) AS points
                                    FROM series s WHERE s.user_arn = p.user_arn AND s.account_id IS NOT DISTINCT FROM p.account_id
                                    GROUP BY s.model_id))} ORDER BY p.rank)
        FROM charted p),
    alerts: (
        SELECT list({alert_id: alert_id, rule_id: rule_id, window_end: strftime(window_end, '%Y-%m-%dT%H:%M:%SZ'), user_arn: user_arn,
                     account_id: account_id, model_id: model_id, calls: inference_call_count, suppressed_count: suppressed_count,
                     status: status} ORDER BY window_end DESC, alert_id)
        FROM (SELECT * FROM chosen ORDER BY window_end DESC, alert_id LIMIT $alert_rows)),
    detect_runs: (
        SELECT list([epoch(started_at), duration_ms, windows_evaluated, alerts_new] ORDER BY run_id)
        FROM (SELECT * FROM detect_runs ORDER BY run_id DESC LIMIT $run_rows)),
    ingest_runs: (
        SELECT list([epoch(started_at), duration_ms, files_loaded, files_failed] ORDER BY run_id)
        FROM (SELECT * FROM ingest_runs ORDER BY run_id DESC LIMIT $run_rows)),
    detect_runs_total: (SELECT count(*) FROM detect_runs),
    ingest_runs_total: (SELECT count(*) FROM ingest_runs),
    failed_files: (
        SELECT list({path: path, error: error, ingested_at: strftime(ingested_at, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY ingested_at DESC, path)
        FROM (SELECT * FROM ingested_files WHERE status = 'failed' ORDER BY ingested_at DESC, path LIMIT $failed_rows)),
    failed_files_total: (SELECT count(*) FROM ingested_files WHERE status = 'failed')
})::VARCHAR
