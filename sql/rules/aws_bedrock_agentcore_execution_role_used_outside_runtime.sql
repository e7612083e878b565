-- AWS Bedrock AgentCore Execution Role Used Outside Its Runtime (ee066db8-4f2f-42d3-8ebd-ea25cd9bdc73): Elastic's
-- new-terms rule, translated: the query as a predicate over the event rules' shared stage; the new term (the pair of
-- aws.cloudtrail.user_identity.session_context.session_issuer.arn and event.provider) and its history (7 days) are in
-- the definition.
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and aws.cloudtrail.user_identity.type: "AssumedRole"
user_type = 'AssumedRole'
-- and aws.cloudtrail.user_identity.session_context.session_issuer.arn: (*role/AgentCore-* or *role/*BedrockAgentCore*)
--   (wildcards on a keyword field: '*' is any run of characters, and case matters)
AND (session_issuer_arn LIKE '%role/AgentCore-%' OR session_issuer_arn LIKE '%role/%BedrockAgentCore%')
-- and event.outcome: "success"
AND {{success}}
-- and not event.provider: ("bedrock.amazonaws.com" or "bedrock-runtime.amazonaws.com"
--                          or "bedrock-agentcore.amazonaws.com" or "bedrock-agentcore-control.amazonaws.com"
--                          or "logs.amazonaws.com" or "xray.amazonaws.com" or "monitoring.amazonaws.com"
--                          or "ecr.amazonaws.com" or "ecr-public.amazonaws.com")
--   (KQL's not keeps an event without a provider; the new term below then drops it)
AND (event_source IS NULL
     OR event_source NOT IN ('bedrock.amazonaws.com', 'bedrock-runtime.amazonaws.com', 'bedrock-agentcore.amazonaws.com',
                             'bedrock-agentcore-control.amazonaws.com', 'logs.amazonaws.com', 'xray.amazonaws.com',
                             'monitoring.amazonaws.com', 'ecr.amazonaws.com', 'ecr-public.amazonaws.com'))
-- (new_terms_fields: the issuer and event.provider) an event without a value of either has no term: it is never new.
AND event_source IS NOT NULL
