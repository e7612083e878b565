-- Schema version 12: rules of other types than the windowed count (a single event that matches, a term first seen
-- within a history window, a sequence of two steps), as Elastic's Bedrock CloudTrail rules are.
--   cloudtrail_events   gains the fields those rules read that were only in the raw record, normalized once at
--                       ingest: call_with_bearer_token (additionalEventData.callWithBearerToken of a Bedrock call:
--                       made with a Bedrock API key) and request_user_name (requestParameters.userName of an IAM
--                       call: the user it acts on, Elastic's user.target.name). Stored events get them here.
--   alerts, retracted_alerts, detection_candidates
--                       model_id and inference_call_count may be NULL (an alert on events that are not inference
--                       calls); event_count holds the events such an alert counted; access_key_id is the key a rule
--                       may group by (a sequence by access key); model_ids lists the models of its events; new_terms
--                       the terms a new-terms alert saw for the first time.
--   alert_timeline      model_id may be NULL for the same reason.

ALTER TABLE cloudtrail_events ADD COLUMN IF NOT EXISTS call_with_bearer_token BOOLEAN;
ALTER TABLE cloudtrail_events ADD COLUMN IF NOT EXISTS request_user_name VARCHAR;

UPDATE cloudtrail_events
SET call_with_bearer_token = TRY_CAST(json_extract_string(additional_event_data, '$.callWithBearerToken') AS BOOLEAN)
WHERE event_source = 'bedrock.amazonaws.com' AND additional_event_data IS NOT NULL;

UPDATE cloudtrail_events
SET request_user_name = nullif(json_extract_string(request_parameters, '$.userName'), '')
WHERE event_source = 'iam.amazonaws.com' AND request_parameters IS NOT NULL;

ALTER TABLE alerts ALTER COLUMN model_id DROP NOT NULL;
ALTER TABLE alerts ALTER COLUMN inference_call_count DROP NOT NULL;
ALTER TABLE retracted_alerts ALTER COLUMN model_id DROP NOT NULL;
ALTER TABLE retracted_alerts ALTER COLUMN inference_call_count DROP NOT NULL;
ALTER TABLE detection_candidates ALTER COLUMN model_id DROP NOT NULL;
ALTER TABLE detection_candidates ALTER COLUMN inference_call_count DROP NOT NULL;
ALTER TABLE alert_timeline ALTER COLUMN model_id DROP NOT NULL;

ALTER TABLE alerts ADD COLUMN IF NOT EXISTS event_count BIGINT;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS access_key_id VARCHAR;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS model_ids VARCHAR[];
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS new_terms VARCHAR[];

ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS event_count BIGINT;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS access_key_id VARCHAR;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS model_ids VARCHAR[];
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS new_terms VARCHAR[];

ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS event_count BIGINT;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS access_key_id VARCHAR;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS model_ids VARCHAR[];
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS new_terms VARCHAR[];
