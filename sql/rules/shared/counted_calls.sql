-- The calls the Bedrock rules count, as a predicate on cloudtrail_events (the seed rule's where stage): a
-- successful inference call (no errorCode and no errorMessage) with a principal and request parameters.
event_source = 'bedrock.amazonaws.com'
      AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
      AND error_code IS NULL
      AND error_message IS NULL
      AND user_arn IS NOT NULL
      AND request_parameters IS NOT NULL
