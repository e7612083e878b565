-- The alerts of a rule whose evidence and timeline this run refreshes, for one span of evaluated windows (run once
-- per span): those whose timeline range (an hour, $margin_minutes, before the opening window to as long after
-- suppression_end) takes in events of the span's windows [$first_end - window, $last_end), with each model of the
-- candidates folded into them (a candidate belongs to an alert of its suppression group: {{candidate_match}} is the
-- rule's suppression keys; an excepted candidate folds into none, as in suppress.sql).
INSERT INTO evidence_alerts
SELECT DISTINCT a.alert_id, a.rule_id, a.user_arn, a.account_id, a.source_ip, a.access_key_id, c.model_id, a.window_start, a.suppression_end,
       a.window_start - to_minutes($margin_minutes) AS range_start,
       a.suppression_end + to_minutes($margin_minutes) AS range_end
FROM alerts a
JOIN detection_candidates c
  ON c.rule_id = a.rule_id AND {{candidate_match}}
 AND c.window_end BETWEEN a.suppression_start AND a.suppression_end
 AND c.exception_id IS NULL
WHERE a.rule_id = $rule_id
  AND a.window_start - to_minutes($margin_minutes) < $last_end
  AND a.suppression_end + to_minutes($margin_minutes) > $first_end - to_minutes($window_minutes)
  AND a.alert_id NOT IN (SELECT alert_id FROM evidence_alerts)
