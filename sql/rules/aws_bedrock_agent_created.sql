-- AWS Bedrock Agent Created by IAM User or Root (4e2dcdf4-f012-4b67-980b-1551b7149305): Elastic's KQL query rule,
-- translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: "CreateAgent"
AND event_name = 'CreateAgent'
-- and event.outcome: "success"
AND {{success}}
-- and aws.cloudtrail.user_identity.type: ("IAMUser" or "Root")
AND user_type IN ('IAMUser', 'Root')
