-- AWS Bedrock Unauthorized Resource-Based Policy Modification Attempt (2e99477f-6099-48a9-ae0e-68801d97079c): Elastic's
-- KQL query rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("PutResourcePolicy" or "DeleteResourcePolicy")
AND event_name IN ('PutResourcePolicy', 'DeleteResourcePolicy')
-- and event.outcome: "failure" and aws.cloudtrail.error_code: ("AccessDenied" or "AccessDeniedException")
AND {{access_denied}}
