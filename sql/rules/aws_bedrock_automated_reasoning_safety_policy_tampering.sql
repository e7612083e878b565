-- AWS Bedrock Automated Reasoning Safety Policy Tampering (2d7822a5-418c-4cde-a96e-e337d77b67e7): Elastic's KQL query
-- rule, translated to a predicate over the event rules' shared stage (a single-event match rule).
-- data_stream.dataset: "aws.cloudtrail" (every stored event is a CloudTrail record)
-- and event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("DeleteAutomatedReasoningPolicy" or "UpdateAutomatedReasoningPolicy"
--                    or "UpdateAutomatedReasoningPolicyAnnotations")
AND event_name IN ('DeleteAutomatedReasoningPolicy', 'UpdateAutomatedReasoningPolicy', 'UpdateAutomatedReasoningPolicyAnnotations')
-- and event.outcome:success
AND {{success}}
