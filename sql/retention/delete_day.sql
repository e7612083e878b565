-- Deletes one day's events before the horizon.
DELETE FROM cloudtrail_events
WHERE event_time >= $day
  AND event_time < least($day + INTERVAL 1 DAY, $before);
