-- AWS Bedrock Third-Party or External Knowledge Base Associated to Agent (168b5538-4d54-4269-b4f5-786fa49dd850):
-- Elastic's new-terms rule, translated: the query as a predicate over the event rules' shared stage; the new term (the
-- principal, aws.cloudtrail.user_identity.arn) and its history (7 days) are in the definition.
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("AssociateAgentKnowledgeBase" or "UpdateAgentKnowledgeBase")
AND event_name IN ('AssociateAgentKnowledgeBase', 'UpdateAgentKnowledgeBase')
-- and event.outcome: "success"
AND {{success}}
-- (new_terms_fields: aws.cloudtrail.user_identity.arn) an event without a principal has no term: it is never new.
AND user_arn IS NOT NULL
