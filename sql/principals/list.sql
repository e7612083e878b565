-- The principal views of principal_timeline (principals/timeline.sql) as one JSON object, for `alerts --by-principal`
-- and the report: `total` views with a score of at least $min_score, and the first $limit of them (NULL: all), the
-- highest score first (then the latest), each with its timeline in order. Timestamps are ISO 8601 UTC.
WITH
views AS (
    {{views}}
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY score DESC, last_step_at DESC, user_arn, account_id NULLS FIRST, view_id) AS rank
    FROM views
    WHERE score >= $min_score
),
shown AS (
    SELECT * FROM ranked WHERE $limit IS NULL OR rank <= $limit
),
timelines AS (
    SELECT view_id,
           list({position: position, alert_id: alert_id, rule_id: rule_id, rule_name: rule_name, severity: severity,
                 risk_score: risk_score, first_seen: strftime(first_seen, '%Y-%m-%dT%H:%M:%SZ'),
                 active_until: strftime(active_until, '%Y-%m-%dT%H:%M:%SZ'), shared: shared,
                 principals: principals, triage_status: triage_status, running_score: running_score, scored: scored,
                 weight: weight, facts: facts} ORDER BY position) AS timeline
    FROM principal_timeline
    WHERE view_id IN (SELECT view_id FROM shown)
    GROUP BY view_id
)
SELECT to_json({
    total: (SELECT count(*) FROM ranked),
    views: coalesce((
        SELECT list({view_id: s.view_id, user_arn: s.user_arn, account_id: s.account_id, score: s.score,
                     lookback_minutes: s.lookback_minutes,
                     first_seen: strftime(s.first_seen, '%Y-%m-%dT%H:%M:%SZ'),
                     last_step_at: strftime(s.last_step_at, '%Y-%m-%dT%H:%M:%SZ'),
                     active_until: strftime(s.active_until, '%Y-%m-%dT%H:%M:%SZ'),
                     scored_from: strftime(s.scored_from, '%Y-%m-%dT%H:%M:%SZ'),
                     scored_until: strftime(s.scored_until, '%Y-%m-%dT%H:%M:%SZ'),
                     alerts: s.alerts, rules: s.rules, scored_alerts: s.scored_alerts, shared_alerts: s.shared_alerts,
                     open_alerts: s.open_alerts, max_risk_score: s.max_risk_score, rule_ids: s.rule_ids,
                     rule_names: s.rule_names, timeline: t.timeline} ORDER BY s.rank)
        FROM shown s JOIN timelines t USING (view_id)), [])
})::VARCHAR
