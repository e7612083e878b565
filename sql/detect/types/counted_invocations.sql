-- The invocations a rule over invocation logs counts, for the evidence and timelines of its alerts
-- (evidence/refresh.sql) and explain: those of [$range_start, $range_end) that match any of its predicates, with
-- the columns a rule may group by and the model id (as counted.sql gives CloudTrail's).
SELECT event_row, event_time, user_arn, account_id, source_ip, access_key_id, model_id
FROM (
    SELECT {{invocation_columns}}
    FROM bedrock_invocations
    WHERE invocation_time >= $range_start
      AND invocation_time < $range_end
)
WHERE {{predicate}}
