-- AWS Bedrock Guardrails Detected Multiple Violations by a Single User Over a Session (0cd2f3e6-41da-40e6-b28b-466f688f00a6): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | where gen_ai.compliance.violation_detected
-- (Elastic's pipeline sets it when a streamed chunk says amazon-bedrock-guardrailAction: INTERVENED; guardrail_action
-- is INTERVENED for that and for every other shape of intervention: a response body's guardrail action, Converse's
-- stopReason guardrail_intervened, a BLOCKED or ANONYMIZED trace)
guardrail_action = 'INTERVENED'
-- | stats Esql.ml_violations_count = count(*) by user.id, gen_ai.request.model.id, cloud.account.id
-- | where Esql.ml_violations_count > 1        (the rule's threshold: 2 hits per window)
