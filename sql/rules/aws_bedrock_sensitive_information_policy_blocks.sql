-- Unusual High Denied Sensitive Information Policy Blocks Detected (0e1af929-42ed-4262-a846-55a7c54e7c84): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | mv_expand gen_ai.policy.name | mv_expand gen_ai.policy.action
-- | where gen_ai.policy.action == "BLOCKED" and gen_ai.compliance.violation_detected == "true"
--   and gen_ai.policy.name == "sensitive_information_policy"
-- (a guardrail intervened and an entry of its sensitive_information_policy blocked: Elastic expands names and actions independently, so
-- another policy's block would do there; here the sensitive_information_policy entry itself is BLOCKED)
guardrail_action = 'INTERVENED'
AND len([a FOR a IN guardrail_assessments IF a.policy = 'sensitive_information_policy' AND a.action = 'BLOCKED']) > 0
-- | stats ... = count() by user.id
-- | where ... > 5        (the rule's threshold: 6 hits per window)
