-- The alerts of a rule whose evidence and timeline this run refreshes: those whose timeline range (an hour,
-- $margin_minutes, before the opening window to as long after suppression_end) takes in events of a window
-- evaluated now (the windows of detect_window_ends), with each model of the candidates folded into them.
CREATE OR REPLACE TEMP TABLE evidence_alerts AS
SELECT DISTINCT a.alert_id, a.rule_id, a.user_arn, a.account_id, c.model_id, a.window_start, a.suppression_end,
       a.window_start - to_minutes($margin_minutes) AS range_start,
       a.suppression_end + to_minutes($margin_minutes) AS range_end
FROM alerts a
JOIN detection_candidates c
  ON c.rule_id = a.rule_id AND c.user_arn = a.user_arn AND c.account_id IS NOT DISTINCT FROM a.account_id
 AND c.window_end BETWEEN a.suppression_start AND a.suppression_end
WHERE a.rule_id = $rule_id
  AND EXISTS (
      SELECT 1 FROM detect_window_ends w
      WHERE w.window_end > a.window_start - to_minutes($margin_minutes)
        AND w.window_end - to_minutes($window_minutes) < a.suppression_end + to_minutes($margin_minutes));

-- What the refreshed alerts and the alerts this run retracted had before.
DELETE FROM alert_events
WHERE rule_id = $rule_id
  AND (alert_id IN (SELECT alert_id FROM evidence_alerts) OR alert_id IN (SELECT alert_id FROM retracting));

DELETE FROM alert_timeline
WHERE rule_id = $rule_id
  AND (alert_id IN (SELECT alert_id FROM evidence_alerts) OR alert_id IN (SELECT alert_id FROM retracting));

SELECT min(range_start) - to_minutes($window_minutes) AS RangeStart, max(range_end) AS RangeEnd, count(*) AS Models
FROM evidence_alerts
HAVING count(*) > 0
