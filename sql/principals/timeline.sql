-- The principal views (docs/alerts.md) as their timeline, one row per alert of each view, in the temporary table
-- principal_timeline (the analyst database's principal_view_alerts has its columns):
--   * every active alert whose window ends in [$since, $until] (NULL: no bound) is attributed to each principal it
--     names: its user_arn, and each of its user_arns (a credential-distributed alert has no user_arn; it is then
--     shared: `principals` says by how many); an alert that names none is in no view;
--   * per principal and account, alerts in order of first_seen (then window end, rule, id); a view breaks where an
--     alert's first_seen comes a whole lookback ($lookback_minutes) or more after the one before it;
--   * each alert closes a lookback: itself and the view's alerts before it in that order whose first_seen lies after
--     its first_seen - lookback ($lookback_minutes; alerts of the same first_seen count in their order). The score of
--     a lookback is 100 x (1 - product of (1 - weight)) over its alerts that are not closed (by their current triage),
--     where an alert's weight is its risk_score / 100, divided by 4 for each earlier alert of the same rule in the
--     lookback. running_score is that of the lookback the alert closes; the view's score is the highest (the earliest
--     lookback that reaches it, from scored_from to scored_until); scored and weight mark the alerts of that lookback
--     that count.
-- With $scoped, only the principals listed in principal_scope (principals/scope_*.sql).
CREATE TEMP TABLE IF NOT EXISTS principal_scope (user_arn VARCHAR);
CREATE OR REPLACE TEMP TABLE principal_timeline AS
WITH
current_triage AS (
    {{triage}}
),
named AS (
    SELECT a.*, list_distinct(list_filter(list_prepend(a.user_arn, coalesce(a.user_arns, [])), p -> p IS NOT NULL)) AS names
    FROM alerts a
    WHERE ($since IS NULL OR a.window_end >= $since) AND ($until IS NULL OR a.window_end <= $until)
),
attributed AS (
    SELECT n.* EXCLUDE (names), len(n.names) AS principals, coalesce(t.triage_status, 'open') AS triage_status
    FROM (SELECT *, unnest(names) AS principal FROM named) n
    LEFT JOIN current_triage t USING (alert_id)
    WHERE NOT $scoped OR n.principal IN (SELECT user_arn FROM principal_scope)
),
ordered AS (
    SELECT *, row_number() OVER w AS n, first_seen - lag(first_seen) OVER w AS gap
    FROM attributed
    WINDOW w AS (PARTITION BY principal, account_id ORDER BY first_seen, window_end, rule_id, alert_id)
),
numbered AS (
    SELECT *, sum(CASE WHEN gap IS NULL OR gap >= to_minutes($lookback_minutes) THEN 1 ELSE 0 END)
                  OVER (PARTITION BY principal, account_id ORDER BY n ROWS UNBOUNDED PRECEDING) AS view_no
    FROM ordered
),
-- A view is named by its principal, account and first alert.
viewed AS MATERIALIZED (
    SELECT *, md5(to_json([principal, account_id, first_value(alert_id) OVER v])) AS view_hash,
           row_number() OVER v AS position
    FROM numbered
    WINDOW v AS (PARTITION BY principal, account_id, view_no ORDER BY n)
),
-- Each alert's lookback (the anchor) and the alerts in it that count, with their weights.
lookbacks AS MATERIALIZED (
    SELECT a.view_hash, a.alert_id AS anchor_id, a.n AS anchor_n, a.first_seen AS anchor_at,
           b.alert_id, b.rule_id, b.first_seen,
           least(1.0, greatest(0.0, b.risk_score / 100.0))
               * pow(0.25, row_number() OVER (PARTITION BY a.view_hash, a.alert_id, b.rule_id ORDER BY b.n) - 1) AS weight
    FROM viewed a
    JOIN viewed b
      ON b.view_hash = a.view_hash
     AND b.n <= a.n AND b.first_seen > a.first_seen - to_minutes($lookback_minutes)
    WHERE b.triage_status <> 'closed'
),
running AS (
    SELECT view_hash, anchor_id, anchor_n, anchor_at, min(first_seen) AS scored_from,
           round(1 - product(1 - weight ORDER BY rule_id, weight DESC), 12) AS raw
    FROM lookbacks
    GROUP BY view_hash, anchor_id, anchor_n, anchor_at
),
peaks AS (
    SELECT * FROM (
        SELECT *, row_number() OVER (PARTITION BY view_hash ORDER BY raw DESC, anchor_n) AS r FROM running
    ) WHERE r = 1
)
SELECT concat_ws('-', v.view_hash[1:8], v.view_hash[9:12], v.view_hash[13:16], v.view_hash[17:20], v.view_hash[21:32]) AS view_id,
       v.principal AS user_arn,
       v.account_id,
       coalesce(round(100 * p.raw), 0)::INTEGER AS score,
       $lookback_minutes::INTEGER AS lookback_minutes,
       p.scored_from,
       p.anchor_at AS scored_until,
       v.position::INTEGER AS position,
       v.alert_id, v.rule_id, v.rule_name, v.severity, v.risk_score,
       v.first_seen,
       greatest(v.last_seen, CASE WHEN v.suppressed_count > 0 THEN v.suppression_end END) AS active_until,
       v.principals > 1 AS shared,
       v.principals::INTEGER AS principals,
       v.triage_status,
       coalesce(round(100 * r.raw), 0)::INTEGER AS running_score,
       l.weight IS NOT NULL AS scored,
       l.weight,
       -- What the alert counted, readable for every rule type.
       concat_ws('; ',
           CASE WHEN v.inference_call_count IS NOT NULL
                THEN format('{:,} calls on {}', v.inference_call_count, coalesce(v.model_id, 'one model')) END,
           CASE WHEN v.inference_call_count IS NULL AND v.event_count IS NOT NULL
                THEN format('{:,} {}: {}', v.event_count, CASE WHEN v.event_count = 1 THEN 'event' ELSE 'events' END,
                            array_to_string(v.event_actions, ', ')) END,
           CASE WHEN v.inference_call_count IS NULL AND len(v.model_ids) > 0
                THEN CASE WHEN len(v.model_ids) = 1 THEN 'model ' ELSE 'models ' END || array_to_string(v.model_ids, ', ') END,
           CASE WHEN v.user_arns IS NOT NULL
                THEN format('from {} by {} principals, the busiest {:,} calls', coalesce(v.source_ip, 'one source'),
                            len(v.user_arns), coalesce(v.max_principal_calls, 0)) END,
           CASE WHEN v.active_hours IS NOT NULL
                THEN format('in {} hours, the busiest hour {:,} calls', v.active_hours, coalesce(v.max_hour_calls, 0)) END,
           CASE WHEN v.baseline_calls_per_hour IS NOT NULL
                THEN CASE WHEN v.baseline_ratio IS NULL THEN 'no baseline (0 calls/h)'
                          ELSE format('{}× the baseline of {} calls/h', v.baseline_ratio, round(v.baseline_calls_per_hour, 1)) END END,
           CASE WHEN v.access_key_id IS NOT NULL THEN 'key ' || v.access_key_id END,
           CASE WHEN len(v.new_terms) > 0 THEN 'first seen: ' || array_to_string(v.new_terms, ', ') END,
           CASE WHEN v.user_arns IS NULL AND len(v.source_ips) > 0
                THEN 'from ' || array_to_string(v.source_ips[1:2], ', ')
                     || CASE WHEN len(v.source_ips) > 2 THEN format(' and {} more', len(v.source_ips) - 2) ELSE '' END END,
           CASE WHEN v.suppressed_count > 0
                THEN format('{:,} later {} folded in', v.suppressed_count, CASE WHEN v.suppressed_count = 1 THEN 'window' ELSE 'windows' END) END
       ) AS facts
FROM viewed v
LEFT JOIN peaks p ON p.view_hash = v.view_hash
LEFT JOIN running r ON r.view_hash = v.view_hash AND r.anchor_id = v.alert_id
LEFT JOIN lookbacks l ON l.view_hash = v.view_hash AND l.anchor_id = p.anchor_id AND l.alert_id = v.alert_id;
