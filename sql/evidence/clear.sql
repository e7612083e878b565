-- The evidence of the alerts this run retracted and the timelines of those and of the refreshed alerts (a refreshed
-- alert's evidence is compared with what it had in refresh.sql); then the event time the refresh reads (from a window
-- before the first timeline to the end of the last), and the part of it the alerts' events lie in (from the first
-- window's start, $events_before_minutes earlier for a sequence's first steps, to the last suppression end), none
-- when no alert is refreshed.
DELETE FROM alert_events
WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM retracting);

DELETE FROM alert_timeline
WHERE rule_id = $rule_id
  AND (alert_id IN (SELECT alert_id FROM evidence_alerts) OR alert_id IN (SELECT alert_id FROM retracting));

SELECT min(range_start) - to_minutes($window_minutes) AS RangeStart, max(range_end) AS RangeEnd,
       min(window_start) - to_minutes($events_before_minutes) AS EventsStart, max(suppression_end) AS EventsEnd,
       count(*) AS Models
FROM evidence_alerts
HAVING count(*) > 0
