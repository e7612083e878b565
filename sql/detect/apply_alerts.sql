-- Brings the alerts table in line with recomputed_alerts, for alerts not wholly before $dirty_from:
-- retracted alerts move to retracted_alerts with the reason, changed ones are updated, new ones inserted.
-- An alert that did not change is not touched (its updated_at stays).
-- An alert whose content signals carry the probing verdict keeps its raised severity (signals/severity.sql sets it
-- when the signals change; signals/macros.sql says how far).
UPDATE recomputed_alerts AS r SET severity = dd_raised_severity(r.severity), risk_score = dd_raised_risk(r.severity, r.risk_score)
FROM alert_content_signals s
WHERE s.alert_id = r.alert_id AND s.probing_pattern;

CREATE OR REPLACE TEMP TABLE retracting AS
SELECT a.*,
       coalesce((
           -- its opening candidate is now excepted: the reason names the exception
           SELECT 'exception ' || e.exception_id || ' (' || e.field || ' ' || e.operator || ' '
                  || array_to_string(e."values", ', ') || '): ' || e.reason
           FROM detection_candidates c
           JOIN rule_exceptions e USING (exception_id)
           WHERE c.rule_id = a.rule_id AND c.window_end = a.window_end AND {{candidate_match}}
             AND c.model_id = a.model_id
           LIMIT 1),
       CASE WHEN EXISTS (
                SELECT 1 FROM recomputed_alerts r
                WHERE r.group_key = {{alert_key}}
                  AND r.suppression_start < a.suppression_start AND a.suppression_start <= r.suppression_end)
            THEN 'late data re-evaluation: an earlier window now opens an alert that suppresses this one'
            ELSE 'late data re-evaluation: no window of this alert meets the threshold any more'
       END) AS retraction_reason
FROM alerts a
WHERE a.rule_id = $rule_id
  AND a.suppression_start + to_minutes($duration_minutes) > $dirty_from
  AND a.alert_id NOT IN (SELECT alert_id FROM recomputed_alerts);

INSERT INTO retracted_alerts BY NAME
SELECT *, $now AS retracted_at, $run_id AS detect_run_id FROM retracting;

DELETE FROM alerts WHERE alert_id IN (SELECT alert_id FROM retracting);

UPDATE alerts AS a SET
    window_start = r.window_start, window_end = r.window_end, model_id = r.model_id,
    inference_call_count = r.inference_call_count, event_actions = r.event_actions, source_ips = r.source_ips,
    user_agents = r.user_agents, identity_types = r.identity_types, access_key_ids = r.access_key_ids,
    regions = r.regions, source_as_orgs = r.source_as_orgs, source_asns = r.source_asns, first_seen = r.first_seen, last_seen = r.last_seen,
    suppression_end = r.suppression_end, suppressed_count = r.suppressed_count,
    rule_name = r.rule_name, severity = r.severity, risk_score = r.risk_score,
    source_ip = r.source_ip, user_arns = r.user_arns, max_principal_calls = r.max_principal_calls,
    active_hours = r.active_hours, max_hour_calls = r.max_hour_calls,
    baseline_calls_per_hour = r.baseline_calls_per_hour, baseline_ratio = r.baseline_ratio,
    event_count = r.event_count, access_key_id = r.access_key_id, model_ids = r.model_ids, new_terms = r.new_terms,
    updated_at = $now
FROM recomputed_alerts r
WHERE a.alert_id = r.alert_id
  AND (a.window_start, a.window_end, a.model_id, a.inference_call_count, a.event_actions, a.source_ips,
       a.user_agents, a.identity_types, a.access_key_ids, a.regions, a.source_as_orgs, a.source_asns, a.first_seen, a.last_seen,
       a.suppression_end, a.suppressed_count, a.rule_name, a.severity, a.risk_score, a.source_ip, a.user_arns,
       a.max_principal_calls, a.active_hours, a.max_hour_calls, a.baseline_calls_per_hour, a.baseline_ratio,
       a.event_count, a.access_key_id, a.model_ids, a.new_terms)
      IS DISTINCT FROM
      (r.window_start, r.window_end, r.model_id, r.inference_call_count, r.event_actions, r.source_ips,
       r.user_agents, r.identity_types, r.access_key_ids, r.regions, r.source_as_orgs, r.source_asns, r.first_seen, r.last_seen,
       r.suppression_end, r.suppressed_count, r.rule_name, r.severity, r.risk_score, r.source_ip, r.user_arns,
       r.max_principal_calls, r.active_hours, r.max_hour_calls, r.baseline_calls_per_hour, r.baseline_ratio,
       r.event_count, r.access_key_id, r.model_ids, r.new_terms);

INSERT INTO alerts BY NAME
SELECT r.* EXCLUDE (group_key), $now AS created_at, $now AS updated_at
FROM recomputed_alerts r
WHERE r.alert_id NOT IN (SELECT alert_id FROM alerts);

-- Every change above, numbered after the highest change so far (one writer), with the alert's version: what
-- consumers are sent (alerts --consumer). A retracted alert that comes back is created again, in a new version.
INSERT INTO alert_changes (change_seq, alert_id, rule_id, version, change, changed_at, detect_run_id)
WITH changed AS (
    SELECT alert_id, rule_id, 'retracted' AS change FROM retracting
    UNION ALL
    SELECT alert_id, rule_id, CASE WHEN created_at = $now THEN 'created' ELSE 'updated' END
    FROM alerts
    WHERE rule_id = $rule_id AND updated_at = $now
),
versions AS (
    SELECT alert_id, count(*) AS versions
    FROM alert_changes
    WHERE alert_id IN (SELECT alert_id FROM changed)
    GROUP BY alert_id
)
SELECT (SELECT coalesce(max(change_seq), 0) FROM alert_changes) + row_number() OVER (ORDER BY c.alert_id),
       c.alert_id, c.rule_id, coalesce(v.versions, 0) + 1, c.change, $now, $run_id
FROM changed c
LEFT JOIN versions v USING (alert_id);
