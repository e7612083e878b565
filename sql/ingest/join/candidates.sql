-- The records of the join's hours (scope.sql) that may still gain a partner: invocations and CloudTrail inference
-- calls not matched by request id (a pair matched by time gives way to a request id match found later). The model is
-- compared without its ARN prefix (a foundation model's or inference profile's ARN against its id).
-- $from, $to: the first join hour and the end of the last, so that DuckDB skips the row groups outside them.
CREATE OR REPLACE TEMP TABLE join_invocations AS
SELECT i.account_id, i.request_id, i.invocation_time, i.principal_arn, i.region, i.operation,
       regexp_replace(i.model_id, '^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)/', '') AS model_key,
       m.method
FROM bedrock_invocations i
LEFT JOIN invocation_matches m USING (account_id, request_id)
WHERE i.invocation_time >= $from AND i.invocation_time < $to
  AND date_trunc('hour', i.invocation_time) IN (SELECT hour FROM join_hours)
  AND m.method IS DISTINCT FROM 'request_id';

CREATE OR REPLACE TEMP TABLE join_events AS
SELECT e.event_id, e.event_time, coalesce(e.recipient_account_id, e.account_id) AS account_id, e.request_id, e.user_arn,
       e.region, e.event_name,
       regexp_replace({{model_id}}, '^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)/', '') AS model_key,
       m.method
FROM cloudtrail_events e
LEFT JOIN invocation_matches m USING (event_id)
WHERE e.event_time >= $from AND e.event_time < $to
  AND date_trunc('hour', e.event_time) IN (SELECT hour FROM join_hours)
  AND {{inference_call}}
  AND m.method IS DISTINCT FROM 'request_id'
