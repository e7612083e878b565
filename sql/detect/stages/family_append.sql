-- The one pass of the event rules over a slice of event time [$events_from, $events_to): every event any of them
-- may read (the rules' predicates, or-ed, below), with the model id of a Bedrock call extracted once (the string
-- value of request_parameters' "modelId", as the seed rule's grok stage reads it).
INSERT INTO detect_family
SELECT rowid AS event_row, event_time, event_id, event_source, event_name, event_type, error_code, error_message,
       user_type, user_arn, user_name, user_account_id, account_id, recipient_account_id, access_key_id, invoked_by,
       session_issuer_type, session_issuer_arn, session_issuer_user_name, region, source_ip_address, source_ip,
       user_agent, read_only, management_event, call_with_bearer_token, request_user_name,
       {{event_model_id}} AS model_id
FROM cloudtrail_events
WHERE event_time >= $events_from
  AND event_time < $events_to
  AND ({{filter}})
