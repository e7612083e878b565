-- A tally whose buckets are whole hours, read from the kept hourly tally (tally_hours) instead of the events: the
-- buckets starting in [$events_from, $events_to), the rows of the hours' batches summed and their context united per
-- group, as tally_rollup.sql sums a coarser tally from the finest, and the AS of the source IP looked up (tally_as.sql).
INSERT INTO {{tally}} BY NAME
SELECT t.*, {{as_lists}}
FROM (
    SELECT time_bucket(to_minutes($bucket_minutes), hour_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           user_arn, account_id, model_id, source_ip, {{merged}}
    FROM tally_hours
    WHERE hour_start >= $events_from AND hour_start < $events_to
    GROUP BY ALL
) t
LEFT JOIN source_ip_as m ON m.source_ip = t.source_ip
