-- Each investigation step of an alert answered from the job's database, as one JSON object (explain prints it as
-- JSON or as one section per step). The rule's counted events come from its counted_events_sql (filled in below),
-- read through the evidence_alerts name it expects; each alert's current triage from triage/current.sql.
--   $alert_id; the rule's settings $threshold, $window_minutes, $interval_minutes, $suppression_minutes;
--   $baseline_days (14) and $context_hours (24)
WITH
a AS MATERIALIZED (SELECT * FROM alerts WHERE alert_id = $alert_id),
-- The suppression period: the opening window's start to the end of the last window it can fold.
period AS (
    SELECT window_start AS period_start,
           greatest(suppression_end, suppression_start + to_minutes($suppression_minutes - $interval_minutes)) AS period_end,
           window_start - to_days($baseline_days) AS baseline_start,
           window_start - to_hours($context_hours) AS context_start,
           suppression_end + to_hours($context_hours) AS context_end
    FROM a
),
evidence_alerts AS (SELECT user_arn, account_id FROM a),
-- The principal's counted events on every model, from its first event up to the end of the context range.
counted AS MATERIALIZED (
    SELECT c.*
    FROM (
        {{counted}}
    ) c
    JOIN a ON c.user_arn = a.user_arn AND c.account_id IS NOT DISTINCT FROM a.account_id
),
-- The principal's events of any kind (for first seen, novelty and context), with their source IP's AS.
principal_events AS MATERIALIZED (
    SELECT e.event_time, e.event_source, e.event_name, e.error_code, e.source_ip, e.user_agent, e.access_key_id,
           e.request_parameters, m.source_asn, m.source_as_org
    FROM cloudtrail_events e JOIN a ON e.user_arn = a.user_arn AND e.account_id IS NOT DISTINCT FROM a.account_id
    LEFT JOIN source_ip_as m ON m.source_ip = e.source_ip
    WHERE e.event_time < (SELECT context_end FROM period)
),
-- The opening window and its suppression period: calls per interval bucket of each model of the principal.
bucket_calls AS (
    SELECT c.model_id, time_bucket(to_minutes($interval_minutes), c.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           count(*) AS calls
    FROM counted c, period p
    WHERE c.event_time >= p.period_start - to_minutes($window_minutes) AND c.event_time < p.period_end
    GROUP BY ALL
),
grid AS (
    SELECT m.model_id, unnest(generate_series(p.period_start, p.period_end - to_minutes($interval_minutes), to_minutes($interval_minutes))) AS bucket_start
    FROM (SELECT DISTINCT model_id FROM bucket_calls) m, period p
),
buckets AS (
    SELECT g.model_id, g.bucket_start, coalesce(b.calls, 0) AS calls,
           (SELECT coalesce(sum(w.calls), 0) FROM bucket_calls w
            WHERE w.model_id = g.model_id AND w.bucket_start > g.bucket_start - to_minutes($window_minutes)
              AND w.bucket_start <= g.bucket_start) AS window_calls
    FROM grid g LEFT JOIN bucket_calls b USING (model_id, bucket_start)
),
-- The baseline: calls on the alert's model per clock hour, over the whole hours of the days before the opening
-- window, from the first hour the database holds events (hours before it are not known, so not counted as zero).
baseline_hours AS (
    SELECT unnest(generate_series(
               greatest(date_trunc('hour', p.baseline_start - INTERVAL 1 MICROSECOND) + INTERVAL 1 HOUR,
                        date_trunc('hour', (SELECT min(event_time) FROM cloudtrail_events))),
               date_trunc('hour', p.period_start) - INTERVAL 1 HOUR, INTERVAL 1 HOUR)) AS hour_start
    FROM period p
),
baseline_calls AS (
    SELECT date_trunc('hour', c.event_time) AS hour_start, count(*) AS calls
    FROM counted c, period p, a
    WHERE c.model_id = a.model_id AND c.event_time >= p.baseline_start AND c.event_time < p.period_start
    GROUP BY ALL
),
baseline AS (
    SELECT h.hour_start, coalesce(b.calls, 0) AS calls
    FROM baseline_hours h LEFT JOIN baseline_calls b USING (hour_start)
),
-- What the alert carried (its opening window's lists), each marked new or seen before for this principal. An AS
-- (source_as: its number, and its organization as the principal's events name it) is new when none of the
-- principal's events in the $baseline_days days before the opening window came from it.
carried AS (
    SELECT 'source_ip' AS kind, unnest(source_ips) AS value, NULL::BIGINT AS asn FROM a
    UNION ALL SELECT 'user_agent', unnest(user_agents), NULL FROM a
    UNION ALL SELECT 'access_key_id', unnest(access_key_ids), NULL FROM a
    UNION ALL SELECT 'source_as', NULL, unnest(source_asns) FROM a
),
novelty AS (
    SELECT k.kind,
           CASE WHEN k.kind = 'source_as'
                THEN 'AS' || k.asn || coalesce(' ' || (SELECT min(e.source_as_org) FROM principal_events e WHERE e.source_asn = k.asn), '')
                ELSE k.value END AS value,
           (SELECT min(e.event_time) FROM principal_events e
            WHERE (k.kind = 'source_ip' AND e.source_ip = k.value)
               OR (k.kind = 'user_agent' AND e.user_agent = k.value)
               OR (k.kind = 'access_key_id' AND e.access_key_id = k.value)
               OR (k.kind = 'source_as' AND e.source_asn = k.asn)) AS first_seen,
           CASE WHEN k.kind = 'source_as' THEN NOT EXISTS (
                    SELECT 1 FROM principal_events e, a
                    WHERE e.source_asn = k.asn AND e.event_time >= a.window_start - to_days($baseline_days)
                      AND e.event_time < a.window_start) END AS new_in_history
    FROM carried k
),
-- Context: the principal's other Bedrock and IAM (and STS) calls within the context range, by event name.
context AS (
    SELECT e.event_source, e.event_name, e.error_code, count(*) AS calls, min(e.event_time) AS first_call, max(e.event_time) AS last_call
    FROM principal_events e, period p
    WHERE e.event_time >= p.context_start AND e.event_time < p.context_end
      AND e.event_source IN ('bedrock.amazonaws.com', 'iam.amazonaws.com', 'sts.amazonaws.com')
      AND NOT (e.event_source = 'bedrock.amazonaws.com' AND e.error_code IS NULL
               AND e.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
               AND e.request_parameters IS NOT NULL)
    GROUP BY ALL
),
triage AS (
    SELECT * FROM alert_triage WHERE alert_id = $alert_id
),
-- Each alert's current triage (triage/current.sql, filled in below).
current_triage AS (
    {{triage}}
),
related AS (
    SELECT r.alert_id, r.rule_id, r.rule_name, r.user_arn, r.account_id, r.model_id, r.window_end, r.inference_call_count, r.event_count,
           CASE WHEN r.user_arn = a.user_arn AND r.account_id IS NOT DISTINCT FROM a.account_id
                     AND r.model_id = a.model_id THEN 'principal and model'
                WHEN r.user_arn = a.user_arn AND r.account_id IS NOT DISTINCT FROM a.account_id THEN 'principal'
                ELSE 'model' END AS relation,
           coalesce(t.triage_status, 'open') AS status
    FROM alerts r
    LEFT JOIN current_triage t USING (alert_id)
    CROSS JOIN a
    CROSS JOIN period p
    WHERE r.alert_id <> a.alert_id
      AND ((r.user_arn = a.user_arn AND r.account_id IS NOT DISTINCT FROM a.account_id) OR r.model_id = a.model_id)
      AND r.suppression_end >= p.context_start AND r.window_start < p.context_end
)
SELECT to_json({
    alert: (SELECT {alert_id: alert_id, rule_id: rule_id, rule_name: rule_name, severity: severity, user_arn: user_arn,
                    account_id: account_id, model_id: model_id,
                    window_start: strftime(window_start, '%Y-%m-%dT%H:%M:%SZ'), window_end: strftime(window_end, '%Y-%m-%dT%H:%M:%SZ'),
                    suppression_start: strftime(suppression_start, '%Y-%m-%dT%H:%M:%SZ'),
                    suppression_end: strftime(suppression_end, '%Y-%m-%dT%H:%M:%SZ'), suppressed_count: suppressed_count,
                    event_actions: event_actions, regions: regions, identity_types: identity_types,
                    access_key_id: access_key_id, event_count: event_count, model_ids: model_ids, new_terms: new_terms} FROM a),
    opening_window: (
        SELECT {window_start: strftime(window_start, '%Y-%m-%dT%H:%M:%SZ'), window_end: strftime(window_end, '%Y-%m-%dT%H:%M:%SZ'),
                calls: coalesce(inference_call_count, event_count), threshold: $threshold::BIGINT,
                over_threshold_by: coalesce(inference_call_count, event_count) - $threshold,
                times_threshold: round(coalesce(inference_call_count, event_count) / $threshold, 2),
                first_call: strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'), last_call: strftime(last_seen, '%Y-%m-%dT%H:%M:%SZ'),
                covers_events_from: (SELECT strftime(period_start, '%Y-%m-%dT%H:%M:%SZ') FROM period),
                covers_events_until: (SELECT strftime(period_end, '%Y-%m-%dT%H:%M:%SZ') FROM period)}
        FROM a),
    buckets: (
        SELECT list({bucket_start: strftime(bucket_start, '%Y-%m-%dT%H:%M:%SZ'), model_id: model_id, calls: calls,
                     window_calls: window_calls, over_threshold: window_calls >= $threshold}
                    ORDER BY bucket_start, model_id)
        FROM buckets),
    folded: (
        SELECT list({window_end: strftime(c.window_end, '%Y-%m-%dT%H:%M:%SZ'), model_id: c.model_id,
                     calls: coalesce(c.inference_call_count, c.event_count),
                     opened: c.window_end = a.suppression_start AND c.model_id IS NOT DISTINCT FROM a.model_id}
                    ORDER BY c.window_end, coalesce(c.inference_call_count, c.event_count) DESC, c.model_id)
        FROM detection_candidates c, a
        WHERE c.rule_id = a.rule_id AND c.user_arn = a.user_arn AND c.account_id IS NOT DISTINCT FROM a.account_id
          AND c.window_end BETWEEN a.suppression_start AND a.suppression_end AND c.exception_id IS NULL),
    baseline: (
        SELECT {days: $baseline_days::INTEGER, model_id: (SELECT model_id FROM a),
                hours_from: strftime(min(hour_start), '%Y-%m-%dT%H:%M:%SZ'), hours_to: (SELECT strftime(period_start, '%Y-%m-%dT%H:%M:%SZ') FROM period),
                hours_observed: count(*), hours_active: count(*) FILTER (WHERE calls > 0),
                days_active: count(DISTINCT date_trunc('day', hour_start)) FILTER (WHERE calls > 0),
                calls: coalesce(sum(calls), 0)::BIGINT,
                median_per_hour: coalesce(quantile_cont(calls, 0.5), 0), p95_per_hour: coalesce(quantile_cont(calls, 0.95), 0),
                max_per_hour: coalesce(max(calls), 0),
                alert_calls_over_max: (SELECT inference_call_count FROM a) - coalesce(max(calls), 0),
                exceeds_baseline: (SELECT inference_call_count FROM a) > coalesce(max(calls), 0),
                principal_first_seen: (SELECT strftime(min(event_time), '%Y-%m-%dT%H:%M:%SZ') FROM principal_events),
                principal_model_first_seen: (SELECT strftime(min(c.event_time), '%Y-%m-%dT%H:%M:%SZ') FROM counted c, a WHERE c.model_id = a.model_id)}
        FROM baseline),
    -- The events the alert counted (its evidence), for an event rule's alert: what was done, when, with which key.
    events: (
        SELECT list({event_time: strftime(event_time, '%Y-%m-%dT%H:%M:%SZ'), event_name: event_name, access_key_id: access_key_id,
                     source_ip: source_ip, user_agent: user_agent, region: region, model_id: model_id}
                    ORDER BY event_time, event_id)
        FROM alert_events WHERE alert_id = $alert_id),
    novelty: (
        SELECT list({kind: kind, value: value, new: coalesce(new_in_history, first_seen IS NULL OR first_seen >= (SELECT window_start FROM a)),
                     first_seen: strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY kind, value)
        FROM novelty),
    context: (
        SELECT list({event_source: event_source, event_name: event_name, error_code: error_code, calls: calls,
                     first: strftime(first_call, '%Y-%m-%dT%H:%M:%SZ'), last: strftime(last_call, '%Y-%m-%dT%H:%M:%SZ')}
                    ORDER BY event_source, event_name, error_code NULLS FIRST)
        FROM context),
    related_alerts: (
        SELECT list({alert_id: alert_id, rule_id: rule_id, relation: relation, user_arn: user_arn, model_id: model_id,
                     window_end: strftime(window_end, '%Y-%m-%dT%H:%M:%SZ'), calls: coalesce(inference_call_count, event_count), status: status}
                    ORDER BY window_end, alert_id)
        FROM related),
    -- A threshold rule's alert: its content signals from the invocation logs (NULL for an event rule's alert).
    content_signals: ({{content_signals}}),
    triage: {
        status: coalesce((SELECT triage_status FROM current_triage WHERE alert_id = $alert_id), 'open'),
        history: (SELECT list({triage_seq: triage_seq, status_from: status_from, status_to: status_to, reason: reason,
                               note: note, changed_by: changed_by, changed_at: strftime(changed_at, '%Y-%m-%dT%H:%M:%SZ')}
                              ORDER BY triage_seq) FROM triage)},
    exceptions: {
        active: (SELECT list({exception_id: exception_id, field: field, operator: operator, "values": "values", reason: reason,
                              expires_at: strftime(expires_at, '%Y-%m-%dT%H:%M:%SZ')} ORDER BY exception_id)
                 FROM rule_exceptions x, a
                 WHERE x.rule_id = a.rule_id AND x.removed_at IS NULL),
        excepted_candidates: (
            SELECT list({window_end: strftime(c.window_end, '%Y-%m-%dT%H:%M:%SZ'), model_id: c.model_id, calls: c.inference_call_count,
                         exception_id: c.exception_id} ORDER BY c.window_end, c.model_id)
            FROM detection_candidates c, a, period p
            WHERE c.rule_id = a.rule_id AND c.user_arn = a.user_arn AND c.account_id IS NOT DISTINCT FROM a.account_id
              AND c.exception_id IS NOT NULL AND c.window_end > p.context_start AND c.window_end <= p.context_end)}
})::VARCHAR
