-- The columns of an invocation as the rules over invocation logs name them (their predicates, keys, evidence), from
-- bedrock_invocations: the event columns the engine reads (event_time, event_name, user_arn, account_id, region,
-- model_id; source_ip, user_agent, user_type and access_key_id, which invocation logs lack, NULL) and the
-- invocation's own (docs/invocation-logs.md).
rowid AS event_row, invocation_time AS event_time, request_id AS event_id, operation AS event_name,
principal_arn AS user_arn, account_id, region, model_id, error_code, request_id,
CAST(NULL AS VARCHAR) AS source_ip, CAST(NULL AS VARCHAR) AS source_ip_address, CAST(NULL AS VARCHAR) AS user_agent,
CAST(NULL AS VARCHAR) AS user_type, CAST(NULL AS VARCHAR) AS access_key_id,
input_tokens, output_tokens, guardrail_action, guardrail_id, guardrail_assessments, prompt_has_credential,
output_has_credential, prompt_exec_patterns, source_file, ingest_batch
