-- Unusual High Denied Topic Blocks Detected (266bbea8-fcf9-4b0e-ba7b-fc00f6b1dc73): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | mv_expand gen_ai.policy.name | mv_expand gen_ai.policy.action
-- | where gen_ai.policy.action == "BLOCKED" and gen_ai.compliance.violation_detected == "true"
--   and gen_ai.policy.name == "topic_policy"
-- (a guardrail intervened and an entry of its topic_policy blocked: Elastic expands names and actions independently, so
-- another policy's block would do there; here the topic_policy entry itself is BLOCKED)
guardrail_action = 'INTERVENED'
AND len([a FOR a IN guardrail_assessments IF a.policy = 'topic_policy' AND a.action = 'BLOCKED']) > 0
-- | stats ... = count() by user.id
-- | where ... > 5        (the rule's threshold: 6 hits per window)
