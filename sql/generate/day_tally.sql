-- The rules' input from today's events (successful runtime calls per principal, account, model and 10-minute
-- bucket; the same per source IP address) and what today's planted events turned out to be.
CREATE OR REPLACE TEMP VIEW gen_counted_calls AS
SELECT p.arn, p.account_id, json_extract_string(d.request_parameters, '$.modelId') AS model_id, d.source_ip,
       d.event_time
FROM gen_day d
JOIN gen_principals p USING (principal_no)
WHERE d.event_source = 'bedrock.amazonaws.com'
  AND d.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
  AND d.error_code IS NULL
  AND p.arn IS NOT NULL
  AND json_extract_string(d.request_parameters, '$.modelId') IS NOT NULL;

INSERT INTO gen_window_buckets
SELECT arn, account_id, model_id, time_bucket(INTERVAL 10 MINUTE, event_time), count(*)
FROM gen_counted_calls
GROUP BY ALL;

INSERT INTO gen_source_buckets
SELECT account_id, model_id, source_ip, arn, time_bucket(INTERVAL 10 MINUTE, event_time), count(*)
FROM gen_counted_calls
WHERE regexp_full_match(source_ip, '[0-9]{1,3}(\.[0-9]{1,3}){3}') OR regexp_full_match(source_ip, '[0-9a-fA-F:.]*:[0-9a-fA-F:.]*')
GROUP BY ALL;

INSERT INTO gen_inference_hours
SELECT coalesce(d.recipient_account_id, p.account_id), d.aws_region, json_extract_string(d.request_parameters, '$.modelId'),
       time_bucket(INTERVAL 1 HOUR, d.event_time), count(*)
FROM gen_day d
JOIN gen_principals p USING (principal_no)
WHERE d.event_source = 'bedrock.amazonaws.com'
  AND d.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
  AND d.error_code IS NULL AND d.error_message IS NULL
GROUP BY ALL;

INSERT INTO gen_case_stats
SELECT p.case_name, p.arn, d.aws_region, json_extract_string(d.request_parameters, '$.modelId'), d.event_name,
       d.source_ip, min(d.event_time), max(d.event_time), count(*), count(*) FILTER (WHERE d.error_code IS NULL)
FROM gen_day d
JOIN gen_principals p USING (principal_no)
WHERE p.pool = 'planted'
GROUP BY ALL;

-- The event rules' hits of today (gen_event_hits): the planted calls' declared hits, matched to the written events by
-- principal, time and action; every inference call failing with ValidationException or AccessDeniedException (the
-- LLMjacking enumeration rule's hits, background included); and every successful inference call whose long-term
-- access key listed the foundation models (successfully) within the 15 minutes before (the sequence rule's hits).
CREATE OR REPLACE TEMP VIEW gen_day_calls AS
SELECT d.*, p.arn, p.account_id, p.case_name, i.ui_struct.accessKeyId AS access_key_id,
       json_extract_string(d.request_parameters, '$.modelId') AS model_id,
       d.event_source = 'bedrock.amazonaws.com'
           AND d.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream') AS inference
FROM gen_day d
JOIN gen_principals p USING (principal_no)
JOIN gen_identities i ON i.principal_no = d.principal_no AND i.hour = hour(d.event_time);

INSERT INTO gen_listings
SELECT access_key_id, event_time
FROM gen_day_calls
WHERE event_source = 'bedrock.amazonaws.com' AND event_name = 'ListFoundationModels'
  AND error_code IS NULL AND error_message IS NULL AND starts_with(access_key_id, 'AKIA');

INSERT INTO gen_event_hits
SELECT unnest(c.hits), d.event_time, d.arn, d.account_id, d.access_key_id, d.model_id, d.aws_region
FROM gen_day_calls d
JOIN gen_case_calls c ON c.case_name = d.case_name AND c.event_name = d.event_name
CROSS JOIN gen_today t
WHERE d.event_time = t.day_start + to_seconds(c.second)
UNION ALL
SELECT 'llmjacking_enumeration', event_time, arn, account_id, access_key_id, model_id, aws_region
FROM gen_day_calls
WHERE inference AND error_code IN ('ValidationException', 'AccessDeniedException')
UNION ALL
SELECT 'recon_then_invoke_long_term_key', d.event_time, d.arn, d.account_id, d.access_key_id, d.model_id, d.aws_region
FROM gen_day_calls d
WHERE d.inference AND d.error_code IS NULL AND d.error_message IS NULL AND starts_with(d.access_key_id, 'AKIA')
  AND EXISTS (SELECT 1 FROM gen_listings l
              WHERE l.access_key_id = d.access_key_id
                AND l.event_time < d.event_time AND l.event_time >= d.event_time - to_minutes((SELECT r.settings['max_span_minutes'] FROM gen_rules r
                                                               WHERE r.rule_key = 'recon_then_invoke_long_term_key')));
