-- AWS Bedrock Detected Multiple Attempts to use Denied Models by a Single User (17261da3-a6d0-463c-aac8-ea1718afcd20): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | where gen_ai.response.error_code == "AccessDeniedException"
error_code = 'AccessDeniedException'
-- | stats Esql.ml_response_access_denied_count = count(*) by user.id, gen_ai.request.model.id, cloud.account.id
-- | where Esql.ml_response_access_denied_count > 3        (the rule's threshold: 4 hits per window)
