-- The UTC days that hold events before the horizon, oldest first: prune deletes one day per transaction.
SELECT DISTINCT time_bucket(INTERVAL 1 DAY, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS day
FROM cloudtrail_events
WHERE event_time < $before
ORDER BY day;
