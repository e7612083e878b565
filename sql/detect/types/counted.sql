-- The events an event rule counts, for the evidence and timelines of its alerts (evidence/refresh.sql): those of
-- [$range_start, $range_end) that match any of its predicates, with the columns a rule may group by and the model id.
SELECT rowid AS event_row, event_time, user_arn, account_id, source_ip, access_key_id,
       {{event_model_id}} AS model_id
FROM cloudtrail_events
WHERE event_time >= $range_start
  AND event_time < $range_end
  AND ({{predicate}})
