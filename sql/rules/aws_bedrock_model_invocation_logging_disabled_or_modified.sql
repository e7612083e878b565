-- AWS Bedrock Model Invocation Logging Disabled or Modified (fa830742-fd41-4b12-a287-2c57bdf079ef): Elastic's KQL query
-- rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("DeleteModelInvocationLoggingConfiguration" or "PutModelInvocationLoggingConfiguration")
AND event_name IN ('DeleteModelInvocationLoggingConfiguration', 'PutModelInvocationLoggingConfiguration')
-- and event.outcome: "success"
AND {{success}}
