-- AWS Bedrock Provisioned Model Throughput Tampering (42b5e06d-b297-4286-a004-ae0da92c5b81): Elastic's KQL query rule,
-- translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("CreateProvisionedModelThroughput" or "UpdateProvisionedModelThroughput"
--                    or "DeleteProvisionedModelThroughput")
AND event_name IN ('CreateProvisionedModelThroughput', 'UpdateProvisionedModelThroughput', 'DeleteProvisionedModelThroughput')
-- and event.outcome: "success"
AND {{success}}
