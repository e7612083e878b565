-- The pairs time matching chooses from: an unmatched invocation and an unmatched CloudTrail call of the same
-- principal, account, region, model and operation, at most $tolerance seconds apart.
CREATE OR REPLACE TEMP TABLE join_time_pairs AS
SELECT i.account_id, i.request_id, i.invocation_time, e.event_id, e.event_time,
       epoch(i.invocation_time) - epoch(e.event_time) AS seconds_apart
FROM join_invocations i
JOIN join_events e
  ON e.account_id = i.account_id AND e.user_arn = i.principal_arn AND e.region = i.region
 AND e.model_key = i.model_key AND e.event_name = i.operation
 AND e.event_time BETWEEN i.invocation_time - to_seconds($tolerance) AND i.invocation_time + to_seconds($tolerance)
