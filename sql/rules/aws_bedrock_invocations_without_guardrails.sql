-- AWS Bedrock Invocations without Guardrails Detected by a Single User Over a Session (f2c653b7-7daf-4774-86f2-34cdbd1fc528): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | where gen_ai.guardrail_id is null and user.id is not null
-- Elastic's pipeline never sets gen_ai.guardrail_id, so its query counts every invocation of a user. An invocation
-- here runs without a guardrail when its record shows none: no guardrailConfig in the request (Converse) and no
-- guardrail action, trace or assessment in the response (InvokeModel names its guardrail only in HTTP headers, which
-- the log does not keep, but its response then carries amazon-bedrock-guardrailAction).
guardrail_id IS NULL
AND guardrail_action IS NULL
AND user_arn IS NOT NULL
-- | stats Esql.ml_invocations_no_guardrails_count = count() by user.id
-- | where Esql.ml_invocations_no_guardrails_count > 5        (the rule's threshold: 6 hits per window)
