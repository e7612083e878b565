-- The events per hour of event time in [$events_from, $events_to), from which long ranges are cut into slices that
-- fit the memory a detect run is given (a scan of the time column only), of the stage's source: cloudtrail_events,
-- or bedrock_invocations for the rules over invocation logs.
SELECT time_bucket(INTERVAL 1 HOUR, {{source_time}}, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS Hour, count(*) AS Events
FROM {{source_table}}
WHERE {{source_time}} >= $events_from AND {{source_time}} < $events_to
GROUP BY ALL
ORDER BY Hour
