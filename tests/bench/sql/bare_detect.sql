-- Bare DuckDB: one query computing the same 60-minute windows every 10 minutes and the threshold of 500,
-- over DuckDetect's events table (no suppression, no context lists, no state).
SET TimeZone = 'UTC'
;
CREATE TEMP TABLE bare_candidates AS
WITH counted AS (
    SELECT time_bucket(INTERVAL 10 MINUTE, event_time) AS bucket, user_arn, account_id,
           regexp_extract(request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1) AS model_id, count(*) AS calls
    FROM cloudtrail_events
    WHERE event_source = 'bedrock.amazonaws.com'
      AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
      AND error_code IS NULL AND error_message IS NULL AND user_arn IS NOT NULL AND request_parameters IS NOT NULL
    GROUP BY ALL
), windows AS (
    SELECT unnest(generate_series(bucket + INTERVAL 10 MINUTE, bucket + INTERVAL 60 MINUTE, INTERVAL 10 MINUTE)) AS window_end,
           user_arn, account_id, model_id, calls
    FROM counted WHERE model_id <> ''
)
SELECT window_end, user_arn, account_id, model_id, sum(calls) AS calls
FROM windows GROUP BY ALL HAVING sum(calls) >= 500
;
SELECT count(*) FROM bare_candidates
