-- AWS Bedrock Agent or Action Group Manipulation (a953f6d5-01cd-4f4c-94dc-207e34965cac): Elastic's new-terms rule,
-- translated: the query as a predicate over the event rules' shared stage; the new term (the principal,
-- aws.cloudtrail.user_identity.arn) and its history (7 days) are in the definition.
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("UpdateAgent" or "CreateAgentActionGroup" or "UpdateAgentActionGroup"
--                    or "AssociateAgentCollaborator" or "UpdateAgentCollaborator" or "CreateAgentAlias"
--                    or "UpdateAgentAlias" or "PrepareAgent")
AND event_name IN ('UpdateAgent', 'CreateAgentActionGroup', 'UpdateAgentActionGroup', 'AssociateAgentCollaborator',
                   'UpdateAgentCollaborator', 'CreateAgentAlias', 'UpdateAgentAlias', 'PrepareAgent')
-- and event.outcome: "success"
AND {{success}}
-- (new_terms_fields: aws.cloudtrail.user_identity.arn) an event without a principal has no term: it is never new.
AND user_arn IS NOT NULL
