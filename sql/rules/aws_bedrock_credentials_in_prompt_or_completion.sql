-- AWS Bedrock Model Prompt or Completion Containing Credentials (68521f99-9b4f-40ef-a4e7-4d74794852b2): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | where event.action in ("ConverseStream", "Converse") AND
event_name IN ('ConverseStream', 'Converse')
--   ( gen_ai.prompt rlike ".*(AKIA|ASIA)[A-Z0-9]{16}.*" or gen_ai.completion rlike ... (and the PEM private key,
--     ABSK, gh[pousr]_, github_pat_ and glpat- patterns, each in the prompt or the completion) )
-- (the flags computed at ingest with the same patterns over the whole request and response bodies, which is what
-- Elastic's gen_ai.prompt and gen_ai.completion hold: ingest/invocations/credential_pattern.sql)
AND (prompt_has_credential OR output_has_credential)
