-- AWS Bedrock Foundation Model Access Enabled or Entitlement Granted (aed4b9d5-f853-40cf-8489-4fdcff03e272): Elastic's
-- KQL query rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("PutFoundationModelEntitlement" or "PutUseCaseForModelAccess" or "CreateFoundationModelAgreement")
AND event_name IN ('PutFoundationModelEntitlement', 'PutUseCaseForModelAccess', 'CreateFoundationModelAgreement')
-- and event.outcome: "success"
AND {{success}}
