-- The kept hours of [$events_from, $events_to) in buckets of $bucket_minutes (whole hours): a bucket's rows summed
-- and their context united per group, as tally_rollup.sql sums a coarser tally from the finest.
    SELECT time_bucket(to_minutes($bucket_minutes), hour_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           user_arn, account_id, model_id, source_ip, {{merged}}
    FROM tally_hours
    WHERE hour_start >= $events_from AND hour_start < $events_to
    GROUP BY ALL
