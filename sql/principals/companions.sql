-- An alert's companions, for explain: for each principal the alert is attributed to (principal_timeline, built for
-- the alert's principals by principals/timeline.sql), the view it is in, with the view's score and rules, and the
-- view's other alerts whose first_seen lies within the lookback ($lookback_minutes) before or after the alert's (the
-- alerts it shares a lookback with), in time order, with their offset from the alert. One JSON array.
WITH
me AS (
    SELECT * FROM principal_timeline WHERE alert_id = $alert_id
),
views AS (
    {{views}}
),
companions AS (
    SELECT m.view_id,
           list({alert_id: c.alert_id, rule_id: c.rule_id, rule_name: c.rule_name, severity: c.severity, risk_score: c.risk_score,
                 first_seen: strftime(c.first_seen, '%Y-%m-%dT%H:%M:%SZ'), active_until: strftime(c.active_until, '%Y-%m-%dT%H:%M:%SZ'),
                 offset_minutes: round(date_diff('second', m.first_seen, c.first_seen) / 60, 1),
                 triage_status: c.triage_status, shared: c.shared, principals: c.principals, running_score: c.running_score,
                 scored: c.scored, facts: c.facts} ORDER BY c.position) AS alerts
    FROM me m
    JOIN principal_timeline c
      ON c.view_id = m.view_id AND c.alert_id <> m.alert_id
     AND c.first_seen > m.first_seen - to_minutes($lookback_minutes) AND c.first_seen < m.first_seen + to_minutes($lookback_minutes)
    GROUP BY m.view_id
)
SELECT to_json(coalesce(list({
    user_arn: m.user_arn, account_id: m.account_id, shared: m.shared, principals: m.principals, view_id: m.view_id,
    view_score: v.score, lookback_minutes: v.lookback_minutes, running_score: m.running_score, scored: m.scored,
    view_first_seen: strftime(v.first_seen, '%Y-%m-%dT%H:%M:%SZ'), view_active_until: strftime(v.active_until, '%Y-%m-%dT%H:%M:%SZ'),
    view_alerts: v.alerts, view_rules: v.rule_names, companions: coalesce(c.alerts, [])} ORDER BY m.user_arn), []))::VARCHAR
FROM me m
JOIN views v USING (view_id)
LEFT JOIN companions c USING (view_id)
