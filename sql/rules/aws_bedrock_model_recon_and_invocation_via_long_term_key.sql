-- AWS Bedrock Foundation Model Enumeration Followed by Invocation via Long-Term Key (a17f2e5f-de52-49e8-9d86-ccfe91cd54d4):
-- Elastic's EQL sequence, translated: its two steps as predicates over the event rules' shared stage; the join
-- (sequence by aws.cloudtrail.user_identity.access_key_id with maxspan=15m) is in the definition.
-- [any where event.provider == "bedrock.amazonaws.com" and event.action == "ListFoundationModels"
--            and event.outcome == "success" and aws.cloudtrail.user_identity.access_key_id like "AKIA*"]
event_source = 'bedrock.amazonaws.com'
AND event_name = 'ListFoundationModels'
AND {{success}}
AND starts_with(access_key_id, 'AKIA')
-- then
-- [any where event.provider == "bedrock.amazonaws.com"
--            and event.action : ("InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream")
--            and event.outcome == "success"]
event_source = 'bedrock.amazonaws.com'
AND event_name IN ('InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream')
AND {{success}}
