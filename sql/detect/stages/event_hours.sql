-- The events per hour of event time in [$events_from, $events_to), from which long ranges are cut into slices that
-- fit the memory a detect run is given (a scan of event_time only).
SELECT time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS Hour, count(*) AS Events
FROM cloudtrail_events
WHERE event_time >= $events_from AND event_time < $events_to
GROUP BY ALL
ORDER BY Hour
