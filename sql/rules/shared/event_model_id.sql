-- The model id of an event in the event rules' columns: a Bedrock call's (model_id.sql), NULL when empty or when the
-- event is another service's.
CASE WHEN event_source = 'bedrock.amazonaws.com' THEN nullif({{model_id}}, '') END
