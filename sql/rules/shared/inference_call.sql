-- A call of Bedrock's inference APIs (the seed rule's event.provider and event.action conditions).
event_source = 'bedrock.amazonaws.com'
AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
