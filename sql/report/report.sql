-- What the HTML report shows, as one JSON object, for the alerts whose window ends in [$from, $to]: alerts per day by
-- rule and triage status (an alert's status is its current triage, triage/current.sql filled in below, 'open' when none), the alerting
-- principals and source IPs (see subjects), the charts of the first $charts of them, the latest alerts, and run
-- health (detect and ingest run durations, failed files). Lists are capped by the parameters and their totals given,
-- so that the report can say what it left out. $rules is the JSON array of the rules' definitions (sql/rules/*.json).
WITH
rules AS (
    SELECT r->>'id' AS rule_id, r->>'name' AS rule_name, CAST(r->>'threshold' AS BIGINT) AS threshold,
           CAST(r->>'window_minutes' AS BIGINT) AS window_minutes, CAST(r->>'interval_minutes' AS BIGINT) AS interval_minutes,
           CAST(r->>'$.settings.factor' AS DOUBLE) AS factor, coalesce(r->'settings', '{}') AS settings
    FROM (SELECT unnest(CAST($rules AS JSON[])) AS r)
),
-- Each alert with what its rule compared it with: the threshold, or for a baseline rule (a factor setting) the
-- greater of the threshold and factor x the alert's baseline. Its subject is the principal, or the source IP of a
-- rule with no single principal (user_arns).
chosen AS MATERIALIZED (
    SELECT a.*, coalesce(t.triage_status, 'open') AS status, coalesce(r.rule_name, a.rule_name) AS name,
           a.user_arns IS NOT NULL AS by_source,
           CASE WHEN a.user_arns IS NOT NULL THEN a.source_ip ELSE a.user_arn END AS subject,
           coalesce(r.window_minutes, date_diff('minute', a.window_start, a.window_end)) AS window_minutes,
           r.interval_minutes,
           CASE WHEN r.factor IS NOT NULL AND a.baseline_calls_per_hour IS NOT NULL
                THEN greatest(r.threshold, r.factor * a.baseline_calls_per_hour) ELSE r.threshold END AS compared_with
    FROM alerts a
    LEFT JOIN (
        {{triage}}
    ) t USING (alert_id)
    LEFT JOIN rules r USING (rule_id)
    WHERE a.window_end >= $from AND a.window_end <= $to
),
-- The table's rows: a principal, or a source IP with its principals, per account.
subjects AS MATERIALIZED (
    SELECT by_source, subject, account_id, count(*) AS alerts, max(inference_call_count) AS peak,
           min(window_end) AS first_window_end, max(suppression_end) AS last_suppression_end,
           list(DISTINCT name ORDER BY name) AS rules, list(DISTINCT model_id ORDER BY model_id) AS models,
           count(*) FILTER (WHERE status = 'open') AS open_alerts,
           list_sort(list_distinct(flatten(list(coalesce(user_arns, []))))) AS principals,
           row_number() OVER (ORDER BY count(*) DESC, max(inference_call_count) DESC, subject, account_id) AS rank
    FROM chosen
    GROUP BY by_source, subject, account_id
),
-- A chart: a subject's alerts of the rules that count the same windows (window and interval), so that one line of
-- window calls is what each of them compared with. Charted first: each rule's busiest chart, then each one's second,
-- and so on (most alerts first in each round), so that every threshold rule that alerted is seen. An event rule's
-- alert counts hits, not calls against a threshold: it is in the table, the alerts per day and the principal views.
chart_groups AS (
    SELECT *, row_number() OVER (ORDER BY round, alerts DESC, peak DESC, by_source, subject, account_id, window_minutes) AS chart
    FROM (
        SELECT by_source, subject, account_id, window_minutes, interval_minutes, max(peak) AS peak, sum(alerts) AS alerts,
               min(rule_round) AS round
        FROM (
            SELECT by_source, subject, account_id, window_minutes, interval_minutes, rule_id,
                   count(*) AS alerts, max(inference_call_count) AS peak,
                   row_number() OVER (PARTITION BY rule_id ORDER BY count(*) DESC, max(inference_call_count) DESC, subject, account_id) AS rule_round
            FROM chosen
            WHERE inference_call_count IS NOT NULL
            GROUP BY by_source, subject, account_id, window_minutes, interval_minutes, rule_id
        )
        GROUP BY by_source, subject, account_id, window_minutes, interval_minutes
    )
),
chart_alerts AS MATERIALIZED (
    SELECT g.chart, c.*
    FROM chosen c
    JOIN chart_groups g
      ON g.by_source = c.by_source AND g.subject IS NOT DISTINCT FROM c.subject
     AND g.account_id IS NOT DISTINCT FROM c.account_id AND g.window_minutes = c.window_minutes
     AND g.interval_minutes IS NOT DISTINCT FROM c.interval_minutes
    WHERE g.chart <= $charts AND c.inference_call_count IS NOT NULL
),
-- Each chart's calls per bucket and model (alert_timeline: the principal's, or the source IP's of all principals);
-- overlapping timelines of two alerts give the same bucket once.
series AS (
    SELECT a.chart, t.model_id, t.bucket_start, max(t.calls) AS calls, max(t.window_calls) AS window_calls
    FROM alert_timeline t
    JOIN chart_alerts a USING (alert_id)
    GROUP BY ALL
),
-- A source IP's calls per bucket and principal inside its alerts' windows (alert_events; an event of two
-- overlapping alerts counts once); beyond $stacked_principals principals, the least busy are summed as others.
principal_buckets AS (
    SELECT a.chart, e.user_arn,
           time_bucket(to_minutes(CAST(a.interval_minutes AS INTEGER)), e.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           count(DISTINCT e.event_id) AS calls
    FROM alert_events e
    JOIN chart_alerts a USING (alert_id)
    WHERE a.by_source AND a.interval_minutes IS NOT NULL
    GROUP BY ALL
),
principal_ranks AS (
    SELECT chart, user_arn, row_number() OVER (PARTITION BY chart ORDER BY sum(calls) DESC, user_arn) AS n,
           count(*) OVER (PARTITION BY chart) AS principals
    FROM principal_buckets
    GROUP BY chart, user_arn
),
stacks AS (
    SELECT b.chart, CASE WHEN r.n <= $stacked_principals OR r.principals <= $stacked_principals + 1 THEN b.user_arn END AS user_arn,
           b.user_arn AS member, r.n, b.bucket_start, b.calls
    FROM principal_buckets b
    JOIN principal_ranks r USING (chart, user_arn)
),
-- Each chart's rules, alerts, models, principals, series and stacks: one row per chart.
chart_rules AS (
    SELECT chart, list({rule_id: rule_id, name: name, threshold: threshold, settings: settings, alerts: alerts} ORDER BY name) AS rules
    FROM (SELECT a.chart, a.rule_id, a.name, any_value(r.threshold) AS threshold, any_value(r.settings) AS settings, count(*) AS alerts
          FROM chart_alerts a LEFT JOIN rules r USING (rule_id)
          GROUP BY a.chart, a.rule_id, a.name)
    GROUP BY chart
),
chart_windows AS (
    SELECT chart, list(DISTINCT model_id ORDER BY model_id) AS models,
           list_sort(list_distinct(flatten(list(coalesce(user_arns, []))))) AS principals,
           list({"start": epoch(window_start), "end": epoch(suppression_end), alert_id: alert_id, rule_id: rule_id,
                 model_id: model_id, calls: inference_call_count, compared_with: compared_with, baseline: baseline_calls_per_hour,
                 active_hours: active_hours, max_hour_calls: max_hour_calls, max_principal_calls: max_principal_calls,
                 principals: len(user_arns)} ORDER BY window_start, rule_id) AS windows
    FROM chart_alerts
    GROUP BY chart
),
chart_series AS (
    SELECT chart, list({model_id: model_id, points: points} ORDER BY model_id) AS series
    FROM (SELECT chart, model_id, list([epoch(bucket_start), calls, window_calls] ORDER BY bucket_start) AS points
          FROM series GROUP BY chart, model_id)
    GROUP BY chart
),
chart_stacks AS (
    SELECT chart, list({user_arn: user_arn, principals: len(members), points: points} ORDER BY n) AS stacks
    FROM (SELECT chart, user_arn, min(n) AS n, list_distinct(flatten(list(members))) AS members,
                 list([epoch(bucket_start), calls] ORDER BY bucket_start) AS points
          FROM (SELECT chart, user_arn, bucket_start, min(n) AS n, list(DISTINCT member) AS members, sum(calls) AS calls
                FROM stacks GROUP BY chart, user_arn, bucket_start)
          GROUP BY chart, user_arn)
    GROUP BY chart
)
SELECT to_json({
    alerts_total: (SELECT count(*) FROM chosen),
    principals_total: (SELECT count(*) FROM subjects),
    source_ips_total: (SELECT count(*) FROM subjects WHERE by_source),
    charts_total: (SELECT count(*) FROM chart_groups),
    first_window_end: (SELECT strftime(min(window_end), '%Y-%m-%dT%H:%M:%SZ') FROM chosen),
    last_window_end: (SELECT strftime(max(window_end), '%Y-%m-%dT%H:%M:%SZ') FROM chosen),
    per_day: (
        SELECT list({day: strftime(day, '%Y-%m-%d'), rule_id: rule_id, rule_name: name, status: status, alerts: alerts} ORDER BY day, name, status)
        FROM (SELECT date_trunc('day', window_end) AS day, rule_id, name, status, count(*) AS alerts FROM chosen GROUP BY ALL)),
    statuses: (SELECT list({status: status, alerts: alerts} ORDER BY alerts DESC, status)
               FROM (SELECT status, count(*) AS alerts FROM chosen GROUP BY status)),
    principals: (
        SELECT list({principal: CASE WHEN by_source THEN 'source IP ' || coalesce(subject, '(none)') || ': ' || len(principals) || ' principals' ELSE subject END,
                     account_id: account_id, rules: rules, alerts: alerts, open_alerts: open_alerts, peak: peak, models: models,
                     first_window_end: strftime(first_window_end, '%Y-%m-%dT%H:%M:%SZ'),
                     last_suppression_end: strftime(last_suppression_end, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY rank)
        FROM subjects WHERE rank <= $principal_rows),
    charts: (
        SELECT list({by_source: g.by_source, subject: g.subject, account_id: g.account_id, window_minutes: g.window_minutes,
                     interval_minutes: g.interval_minutes, alerts: g.alerts, rules: r.rules, models: w.models,
                     principals: w.principals, windows: w.windows, series: s.series, stacks: k.stacks} ORDER BY g.chart)
        FROM chart_groups g
        JOIN chart_rules r USING (chart)
        JOIN chart_windows w USING (chart)
        LEFT JOIN chart_series s USING (chart)
        LEFT JOIN chart_stacks k USING (chart)
        WHERE g.chart <= $charts),
    -- The latest alerts; a threshold rule's with its content signals (alert_content_signals), unknown said so.
    alerts: (
        SELECT list({alert_id: c.alert_id, rule: c.name, window_end: strftime(c.window_end, '%Y-%m-%dT%H:%M:%SZ'),
                     principal: CASE WHEN c.by_source THEN 'source IP ' || coalesce(c.source_ip, '(none)') || ': ' || len(c.user_arns) || ' principals' ELSE c.user_arn END,
                     account_id: c.account_id, model_id: c.model_id, calls: c.inference_call_count, suppressed_count: c.suppressed_count,
                     status: c.status, severity: c.severity,
                     verdict: CASE WHEN s.alert_id IS NULL THEN NULL WHEN s.probing_pattern THEN 'probing pattern (raised)'
                                   WHEN NOT s.probing_pattern THEN 'no pattern' ELSE 'unknown' END,
                     signals: CASE WHEN s.alert_id IS NOT NULL THEN {
                         criteria: coalesce(nullif(array_to_string(s.probing_criteria, ', '), ''), CASE WHEN s.probing_criteria IS NULL THEN 'unknown' ELSE 'none' END)
                                   || ' / ' || CASE WHEN s.baseline_criteria IS NULL THEN 'no history'
                                                    ELSE coalesce(nullif(array_to_string(s.baseline_criteria, ', '), ''), 'none') END,
                         invocations: s.invocations || ' / ' || s.baseline_invocations,
                         distinct_prompt_ratio: coalesce(round(s.distinct_prompt_ratio, 2)::VARCHAR, 'unknown'),
                         max_prompt_repeats: coalesce(s.max_prompt_repeats::VARCHAR, 'unknown'),
                         top_template_share: coalesce(round(s.top_template_share, 2)::VARCHAR, 'unknown'),
                         near_duplicate_ratio: coalesce(round(s.near_duplicate_ratio, 2)::VARCHAR, 'unknown'),
                         resampled_share: coalesce(round(s.resampled_share, 2)::VARCHAR, 'unknown'),
                         output_tokens: coalesce(round(s.output_tokens_median, 1)::VARCHAR || ' (IQR ' || round(s.output_tokens_iqr, 1)::VARCHAR || ')', 'unknown'),
                         short_prompt_share: coalesce(round(s.short_prompt_share, 2)::VARCHAR, 'unknown'),
                         temperature_zero_share: coalesce(round(s.temperature_zero_share, 2)::VARCHAR, 'unknown'),
                         small_max_tokens_share: coalesce(round(s.small_max_tokens_share, 2)::VARCHAR, 'unknown')} END}
                    ORDER BY c.window_end DESC, c.alert_id)
        FROM (SELECT * FROM chosen ORDER BY window_end DESC, alert_id LIMIT $alert_rows) c
        LEFT JOIN alert_content_signals s USING (alert_id)),
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
