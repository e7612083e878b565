-- AWS IAM Credentials Added to a Bedrock API Key Phantom User (71159cad-f8b3-4b3c-ac6e-9cab05594670): Elastic's ES|QL
-- rule, translated. Its query keeps every matching row (no STATS), so it is a single-event match rule here.
-- FROM logs-aws.cloudtrail-*
-- | WHERE event.provider == "iam.amazonaws.com"
event_source = 'iam.amazonaws.com'
--     AND event.action IN ("CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile")
AND event_name IN ('CreateAccessKey', 'CreateLoginProfile', 'UpdateLoginProfile')
--     AND event.outcome == "success"
AND {{success}}
--     AND user.target.name LIKE "BedrockAPIKey-*"
--   (user.target.name is requestParameters.userName, read from the raw record once at ingest: request_user_name;
--   ES|QL's LIKE is case-sensitive and its '*' any run of characters)
AND starts_with(request_user_name, 'BedrockAPIKey-')
