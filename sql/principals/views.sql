-- One row per principal view (docs/alerts.md) from its timeline (principal_timeline, or the analyst
-- database's principal_view_alerts). A fragment: the analyst database's principal_views view is this query, and
-- principals/list.sql reads it. Its rules are listed in the order of their first alert in the view.
SELECT view_id, user_arn, account_id, max(score) AS score, max(lookback_minutes) AS lookback_minutes,
       min(first_seen) AS first_seen, max(first_seen) AS last_step_at, max(active_until) AS active_until,
       max(scored_from) AS scored_from, max(scored_until) AS scored_until,
       count(*) AS alerts, count(DISTINCT rule_id) AS rules, count(*) FILTER (WHERE scored) AS scored_alerts,
       count(*) FILTER (WHERE shared) AS shared_alerts, count(*) FILTER (WHERE triage_status = 'open') AS open_alerts,
       max(risk_score) AS max_risk_score,
       list(rule_id ORDER BY position) FILTER (WHERE first_of_rule) AS rule_ids,
       list(rule_name ORDER BY position) FILTER (WHERE first_of_rule) AS rule_names
FROM (
    SELECT *, row_number() OVER (PARTITION BY view_id, rule_id ORDER BY position) = 1 AS first_of_rule
    FROM {{timeline}}
)
GROUP BY view_id, user_arn, account_id
