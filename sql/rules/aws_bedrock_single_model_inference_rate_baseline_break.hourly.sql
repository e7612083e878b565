-- The baseline's hourly counts, kept incrementally: the successful inference calls per principal, account, model
-- and hour-aligned hour of the ingest batches after $last_batch up to $max_batch (the batches this rule has not
-- seen; every batch on its first run), appended to rule_hourly_calls. Batches are appended to cloudtrail_events in
-- order, so zone maps on ingest_batch skip the history: a scheduled run reads only the new batches' events. An
-- hour that several batches touched has several rows; the rule's query sums them. The where and grok stages are
-- the rule's (and the seed rule's). Rows of batches after $last_batch (none, unless a what-if file starts over) go
-- first, so that running it again counts each batch once.
DELETE FROM rule_hourly_calls WHERE rule_id = $rule_id AND ingest_batch > $last_batch;

INSERT INTO rule_hourly_calls (rule_id, hour_start, user_arn, account_id, model_id, calls, ingest_batch)
SELECT $rule_id, hour_start, user_arn, account_id, model_id, count(*), $max_batch
FROM (
    SELECT time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS hour_start,
           user_arn, account_id, {{model_id}} AS model_id
    FROM cloudtrail_events
    WHERE ingest_batch > $last_batch
      AND ingest_batch <= $max_batch
      AND {{counted_calls}}
)
WHERE model_id <> ''
GROUP BY ALL
