-- AWS Bedrock Untrusted Model Imported or Marketplace Endpoint Registered (c435defe-8438-4d5a-b4d0-86ab0faf9a49):
-- Elastic's KQL query rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("CreateModelImportJob" or "CreateCustomModelDeployment" or "CreateMarketplaceModelEndpoint"
--                    or "RegisterMarketplaceModelEndpoint")
AND event_name IN ('CreateModelImportJob', 'CreateCustomModelDeployment', 'CreateMarketplaceModelEndpoint', 'RegisterMarketplaceModelEndpoint')
-- and event.outcome: "success"
AND {{success}}
