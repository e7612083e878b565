-- AWS Bedrock Unauthorized Foundation Model Access Attempt (3d2e8c90-5be7-4a57-9de4-58be75af933f): Elastic's KQL query
-- rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("PutFoundationModelEntitlement" or "PutUseCaseForModelAccess" or "CreateFoundationModelAgreement")
AND event_name IN ('PutFoundationModelEntitlement', 'PutUseCaseForModelAccess', 'CreateFoundationModelAgreement')
-- and event.outcome: "failure" and aws.cloudtrail.error_code: ("AccessDenied" or "AccessDeniedException")
AND {{access_denied}}
