-- AWS Bedrock Guardrails Detected Multiple Policy Violations Within a Single Blocked Request (f4c2515a-18bb-47ce-a768-1dc4e7b0fe6c): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | mv_expand gen_ai.policy.action
-- | where gen_ai.policy.action == "BLOCKED"
-- (the policies' entries of an intervened invocation, as Elastic's pipeline collects them: one of them blocked)
guardrail_action = 'INTERVENED'
AND list_contains([a.action FOR a IN guardrail_assessments], 'BLOCKED')
-- | eval Esql.ml_policy_violations_mv_count = mv_count(gen_ai.policy.name)
-- | where Esql.ml_policy_violations_mv_count > 1
AND len(list_distinct([a.policy FOR a IN guardrail_assessments])) > 1
-- | stats ... = count(*) by Esql.ml_policy_violations_mv_count, user.id, gen_ai.request.model.id, cloud.account.id
--   (each such request is a hit; the rule's threshold is 1)
