-- AWS Bedrock API Key Used for Destructive or Anti-Recovery Action (89b68231-5134-4499-8eca-20e5d9c90cce): Elastic's
-- ES|QL rule, translated. Its query keeps every matching row (no STATS), so it is a single-event match rule here. It
-- has no outcome condition: a denied attempt counts too.
-- FROM logs-aws.cloudtrail-*
-- | WHERE event.provider == "bedrock.amazonaws.com"
event_source = 'bedrock.amazonaws.com'
--     AND aws.cloudtrail.additional_eventdata RLIKE """.*callWithBearerToken=true.*"""
--   (Elastic's additional_eventdata is additionalEventData rendered as text, {callWithBearerToken=true, ...}; the
--   flag is read from the raw record once at ingest, as a boolean: call_with_bearer_token)
AND call_with_bearer_token
--     AND event.action IN ("DeleteGuardrail", "DeleteModelInvocationLoggingConfiguration",
--                          "PutModelInvocationLoggingConfiguration", "DeleteImportedModel", "DeleteCustomModel",
--                          "DeleteModelCustomizationJob", "DeleteProvisionedModelThroughput",
--                          "DeleteMarketplaceModelEndpoint")
AND event_name IN ('DeleteGuardrail', 'DeleteModelInvocationLoggingConfiguration', 'PutModelInvocationLoggingConfiguration',
                   'DeleteImportedModel', 'DeleteCustomModel', 'DeleteModelCustomizationJob',
                   'DeleteProvisionedModelThroughput', 'DeleteMarketplaceModelEndpoint')
