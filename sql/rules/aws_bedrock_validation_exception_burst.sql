-- AWS Bedrock Detected Multiple Validation Exception Errors by a Single User (725a048a-88c5-4fc7-8677-a44fc0031822): Elastic's ES|QL rule over Bedrock model invocation logs, translated to a
-- predicate over the invocation rules' shared stage (detect/stages/invocation_columns.sql), a match rule.
-- from logs-aws_bedrock.invocation-*
-- | eval Esql.time_window_date_trunc = date_trunc(1 minutes, @timestamp)        (the rule's 1-minute windows)
-- | where gen_ai.response.error_code == "ValidationException"
error_code = 'ValidationException'
-- | stats Esql.ml_response_validation_error_count = count(*) by Esql.time_window_date_trunc, user.id, cloud.account.id
-- | where Esql.ml_response_validation_error_count > 3        (the rule's threshold: 4 hits per window)
