-- The join of invocation logs with CloudTrail (job's database only; docs/invocation-logs.md, "Joining with CloudTrail"):
-- the invocations stored and how many are matched to their CloudTrail call, by request id and by time; the CloudTrail
-- Bedrock inference calls and how many have their invocation record. Rates are shares (0 to 1); NULL when there is
-- nothing to match.
WITH matched AS (
    SELECT m.method, count(*) AS n
    FROM invocation_matches m
    WHERE EXISTS (SELECT 1 FROM bedrock_invocations i WHERE i.account_id = m.account_id AND i.request_id = m.request_id)
      AND EXISTS (SELECT 1 FROM cloudtrail_events e WHERE e.event_id = m.event_id)
    GROUP BY m.method
), totals AS (
    SELECT (SELECT count(*) FROM bedrock_invocations) AS invocations,
           coalesce((SELECT n FROM matched WHERE method = 'request_id'), 0) AS by_request_id,
           coalesce((SELECT n FROM matched WHERE method = 'time'), 0) AS by_time,
           (SELECT count(*) FROM cloudtrail_events WHERE {{inference_call}}) AS inference_calls
)
SELECT to_json({
    invocations: invocations,
    matched_by_request_id: by_request_id,
    matched_by_time: by_time,
    unmatched_invocations: invocations - by_request_id - by_time,
    invocation_match_rate: CASE WHEN invocations > 0 THEN round((by_request_id + by_time) / invocations, 4) END,
    inference_calls: inference_calls,
    inference_calls_unmatched: inference_calls - by_request_id - by_time,
    inference_call_match_rate: CASE WHEN inference_calls > 0 THEN round((by_request_id + by_time) / inference_calls, 4) END,
    tolerance_seconds: $tolerance,
    joined_through_batch: (SELECT max(last_batch) FROM invocation_match_state)
})::VARCHAR
FROM totals
