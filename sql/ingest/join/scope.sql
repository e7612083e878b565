-- The hours the join looks at (docs/invocation-logs.md, "Joining with CloudTrail"): every hour
-- holding a Bedrock inference call or an invocation loaded in the ingest batches after the join's last
-- ($last_batch, up to $upto_batch), with the hours before and after it (a pair's two times fall in neighbouring hours
-- at most). Records of other hours cannot gain a partner from these batches.
CREATE OR REPLACE TEMP TABLE join_hours AS
WITH touched AS (
    SELECT DISTINCT date_trunc('hour', event_time) AS hour
    FROM cloudtrail_events
    WHERE ingest_batch > $last_batch AND ingest_batch <= $upto_batch AND {{inference_call}}
    UNION
    SELECT DISTINCT date_trunc('hour', invocation_time)
    FROM bedrock_invocations
    WHERE ingest_batch > $last_batch AND ingest_batch <= $upto_batch
)
SELECT DISTINCT hour + to_hours(d) AS hour FROM touched CROSS JOIN (VALUES (-1), (0), (1)) t(d)
