-- Windows already evaluated that events ingested since the last run fall into (late or re-delivered files,
-- history ingested after detection began). Only batches after $last_batch are read: they were appended
-- last, so zone maps skip the history. Every window up to the checkpoint counts, so that the alerts end as a
-- backfill over all events would give them. A rule that reads history before its windows (a baseline) re-evaluates
-- the windows whose history takes in the late events too ($lookback_minutes; 0 for the others). The rows are those
-- of the rule's source (cloudtrail_events or bedrock_invocations; RuleSource).
INSERT INTO detect_window_ends
SELECT DISTINCT $rule_id, window_end, true
FROM (
    SELECT unnest(generate_series(bucket_start + to_minutes($interval_minutes),
                                  bucket_start + to_minutes($window_minutes + $lookback_minutes),
                                  to_minutes($interval_minutes))) AS window_end
    FROM (
        SELECT DISTINCT time_bucket(to_minutes($interval_minutes), {{source_time}}, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start
        FROM {{source_table}}
        WHERE ingest_batch > $last_batch AND ingest_batch <= $max_batch
          AND {{source_time}} < $checkpoint
    )
)
WHERE window_end <= $checkpoint
  AND window_end NOT IN (SELECT window_end FROM detect_window_ends WHERE rule_id = $rule_id)
