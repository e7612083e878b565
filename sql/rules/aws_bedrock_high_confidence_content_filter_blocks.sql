-- Unusual High Confidence Content Filter Blocks Detected (4f855297-c8e0-4097-9d97-d653f7e471c4): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | mv_expand gen_ai.compliance.violation_code | mv_expand gen_ai.policy.confidence
-- | mv_expand gen_ai.policy.name | mv_expand gen_ai.policy.action
-- | where gen_ai.policy.action == "BLOCKED" and gen_ai.policy.name == "content_policy"
--   and gen_ai.policy.confidence like "HIGH"
--   and gen_ai.compliance.violation_code in ("HATE", "MISCONDUCT", "SEXUAL", "INSULTS", "PROMPT_ATTACK", "VIOLENCE")
-- (Elastic expands the four fields independently, so a category of one filter meets the confidence of another; here
-- one content filter must be of the category, of HIGH confidence and BLOCKED. A hit is an invocation with one.)
len(list_distinct([a.type FOR a IN guardrail_assessments IF a.policy = 'content_policy' AND a.confidence = 'HIGH' AND a.action = 'BLOCKED' AND a.type IN ('HATE', 'MISCONDUCT', 'SEXUAL', 'INSULTS', 'PROMPT_ATTACK', 'VIOLENCE')])) > 0
-- having
-- | stats Esql.ml_policy_blocked_violation_count = count() by user.id, gen_ai.compliance.violation_code
-- | stats Esql.ml_policy_blocked_violation_total_count = sum(Esql.ml_policy_blocked_violation_count) by user.id
-- | where Esql.ml_policy_blocked_violation_total_count > 5
--   (per window: the blocked categories of each invocation, added up)
sum(len(list_distinct([a.type FOR a IN guardrail_assessments IF a.policy = 'content_policy' AND a.confidence = 'HIGH' AND a.action = 'BLOCKED' AND a.type IN ('HATE', 'MISCONDUCT', 'SEXUAL', 'INSULTS', 'PROMPT_ATTACK', 'VIOLENCE')]))) > $min_blocks
