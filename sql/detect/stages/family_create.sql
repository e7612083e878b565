-- The events of the event rules (single-event match, new terms, sequence): the shared stage they all read
-- (Many rules, one pass), filled slice by slice by family_append.sql. The columns a rule's predicate, keys, terms or
-- context may name, and the model id of a Bedrock call, extracted once.
CREATE OR REPLACE TEMP TABLE detect_family AS
SELECT rowid AS event_row, event_time, event_id, event_source, event_name, event_type, error_code, error_message,
       user_type, user_arn, user_name, user_account_id, account_id, recipient_account_id, access_key_id, invoked_by,
       session_issuer_type, session_issuer_arn, session_issuer_user_name, region, source_ip_address, source_ip,
       user_agent, read_only, management_event, call_with_bearer_token, request_user_name,
       CAST(NULL AS VARCHAR) AS model_id
FROM cloudtrail_events
LIMIT 0
