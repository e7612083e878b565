-- AWS Bedrock API Key Phantom User Activity Outside Bedrock (56788ae8-794b-4ade-affd-534aa5c9e28d): Elastic's KQL query
-- rule, translated to a predicate over the event rules' shared stage (a single-event match rule). It has no outcome
-- condition: a denied call counts too.
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and aws.cloudtrail.user_identity.type: "IAMUser"
user_type = 'IAMUser'
-- and user.name: BedrockAPIKey-*
--   (Elastic's CloudTrail pipeline fills user.name from userIdentity.userName, else from the session issuer's
--   userName; a wildcard on a keyword field, where case matters)
AND starts_with(coalesce(user_name, session_issuer_user_name), 'BedrockAPIKey-')
-- and not event.provider: ("bedrock.amazonaws.com" or "signin.amazonaws.com"
--                          or "agreement-marketplace.amazonaws.com" or "discovery-marketplace.amazonaws.com")
--   (KQL's not keeps an event without a provider)
AND (event_source IS NULL
     OR event_source NOT IN ('bedrock.amazonaws.com', 'signin.amazonaws.com', 'agreement-marketplace.amazonaws.com',
                             'discovery-marketplace.amazonaws.com'))
-- and not event.action: ("GetCallerIdentity" or "GetSessionToken" or "GetAccessKeyInfo")
--   (likewise an event without an action)
AND (event_name IS NULL OR event_name NOT IN ('GetCallerIdentity', 'GetSessionToken', 'GetAccessKeyInfo'))
