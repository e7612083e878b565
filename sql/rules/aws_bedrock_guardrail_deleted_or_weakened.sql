-- AWS Bedrock Guardrail Deleted or Weakened (cdf7b922-909c-440c-8df0-0efe72aa7bea): Elastic's KQL query rule, translated
-- to a predicate over the event rules' shared stage (a single-event match rule).
-- event.provider: "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
-- and event.action: ("DeleteGuardrail" or "UpdateGuardrail" or "DeleteEnforcedGuardrailConfiguration"
--                    or "PutEnforcedGuardrailConfiguration")
AND event_name IN ('DeleteGuardrail', 'UpdateGuardrail', 'DeleteEnforcedGuardrailConfiguration', 'PutEnforcedGuardrailConfiguration')
-- and event.outcome: "success"
AND {{success}}
