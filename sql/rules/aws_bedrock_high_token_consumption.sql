-- Potential Abuse of Resources by High Token Count and Large Response Sizes (b1773d05-f349-45fb-9850-287b8f92f02d): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | keep user.id, gen_ai.usage.prompt_tokens, gen_ai.usage.completion_tokens
user_arn IS NOT NULL
-- having
-- | stats Esql.ml_usage_prompt_tokens_max = max(gen_ai.usage.prompt_tokens), Esql.ml_invocations_total_count = count(*),
--         Esql.ml_usage_completion_tokens_avg = avg(gen_ai.usage.completion_tokens) by user.id
-- | where Esql.ml_usage_prompt_tokens_max > 5000 and Esql.ml_invocations_total_count > 10
--   and Esql.ml_usage_completion_tokens_avg > 500        (the count: the rule's threshold, 11 hits per window)
max(input_tokens) > $max_prompt_tokens
AND avg(output_tokens) > $avg_completion_tokens
-- | eval Esql.ml_risk_score = (Esql.ml_usage_prompt_tokens_max / 1000) * Esql.ml_invocations_total_count
--                            * (Esql.ml_usage_completion_tokens_avg / 500)
-- | where Esql.ml_risk_score > 10        (a long divided by 1000 is a whole division in ES|QL)
AND (max(input_tokens) // 1000) * count(*) * (avg(output_tokens) / 500) > $min_risk
