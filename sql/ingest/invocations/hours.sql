-- The batch's new invocations counted per account, region and hour into bedrock_invocation_hours (where invocation
-- logging was delivering: the blind-spot rule's history), in the batch's transaction.
INSERT INTO bedrock_invocation_hours
SELECT account_id AS delivered_account, region AS delivered_region,
       time_bucket(INTERVAL 1 HOUR, invocation_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS delivered_hour,
       count(*) AS invocations, $batch AS ingest_batch
FROM bedrock_invocations
WHERE ingest_batch = $batch
GROUP BY ALL
