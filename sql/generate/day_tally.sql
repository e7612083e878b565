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

INSERT INTO gen_case_stats
SELECT p.case_name, p.arn, d.aws_region, json_extract_string(d.request_parameters, '$.modelId'), d.event_name,
       d.source_ip, min(d.event_time), max(d.event_time), count(*), count(*) FILTER (WHERE d.error_code IS NULL)
FROM gen_day d
JOIN gen_principals p USING (principal_no)
WHERE p.pool = 'planted'
GROUP BY ALL;
