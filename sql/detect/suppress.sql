-- Suppression, recomputed from the first re-evaluated window ($dirty_from) onwards, in one statement.
-- Per group of the rule's suppression keys ({{candidate_key}}: their values as JSON text, a null being a group of
-- its own; user_arn and account_id for the seed rule): candidates in window-end order
-- (within a window by count descending, then model id and the other keys). The first candidate opens an alert; a later one
-- whose window end is before suppression_start + duration folds into it; one at or after opens a new alert.
-- Alerts that ended before $dirty_from cannot change and are kept as they are.
CREATE OR REPLACE TEMP TABLE recomputed_alerts AS
WITH RECURSIVE
-- Per group, where its last kept alert stops suppressing.
kept AS (
    SELECT {{alert_key}} AS group_key, max(a.suppression_start) + to_minutes($duration_minutes) AS resume_at
    FROM alerts a
    WHERE a.rule_id = $rule_id
      AND a.suppression_start + to_minutes($duration_minutes) <= $dirty_from
    GROUP BY ALL
),
-- The candidates whose suppression must be worked out again: per group, those after its last kept alert. An
-- excepted candidate (exception_id) never opens or extends an alert.
region AS MATERIALIZED (
    SELECT c.*, {{candidate_key}} AS group_key
    FROM detection_candidates c
    LEFT JOIN kept k ON k.group_key = {{candidate_key}}
    WHERE c.rule_id = $rule_id
      AND c.exception_id IS NULL
      AND (k.resume_at IS NULL OR c.window_end >= k.resume_at)
),
{{openings}},
-- The first candidate of each alert describes it (an aggregate, not a window function: on the few rows
-- suppression sees, DuckDB's window operator costs more).
folded AS (
    SELECT
        arg_min(assigned, (window_end, -coalesce(inference_call_count, event_count), model_id, user_arn, account_id, source_ip, access_key_id)) AS first,
        group_key,
        suppression_start,
        max(window_end) AS suppression_end,
        count(*) - 1 AS suppressed_count,
        md5(to_json([$rule_id, {{key_values}},
                     strftime(suppression_start, '%Y-%m-%dT%H:%M:%SZ')])) AS id_hash
    FROM assigned
    GROUP BY group_key, suppression_start
)
-- group_key is for apply_alerts.sql (the retraction reason) only; the alerts table does not keep it.
SELECT
    concat_ws('-', id_hash[1:8], id_hash[9:12], id_hash[13:16], id_hash[17:20], id_hash[21:32]) AS alert_id,
    $rule_id AS rule_id,
    $rule_name AS rule_name,
    $severity AS severity,
    $risk_score AS risk_score,
    first.window_start, first.window_end, first.user_arn, first.account_id, first.model_id,
    first.inference_call_count, first.event_actions, first.source_ips, first.user_agents, first.identity_types,
    first.access_key_ids, first.regions, first.source_as_orgs, first.source_asns, first.first_seen, first.last_seen,
    suppression_start, suppression_end, suppressed_count,
    first.source_ip, first.user_arns, first.max_principal_calls, first.active_hours, first.max_hour_calls,
    first.baseline_calls_per_hour, first.baseline_ratio,
    first.event_count, first.access_key_id, first.model_ids, first.new_terms,
    group_key
FROM folded;
