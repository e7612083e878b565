-- The planted cases (day 0 only): each principal's calls evenly spaced over the stream's span, whole seconds; each
-- principal calls from one source address of its kind, or all of a case's principals from one (shared_ip).
INSERT INTO gen_day
WITH calls AS (
    SELECT s.*, c.account_no, c.shared_ip, p.principal_no, p.member_no, p.arn, p.name, p.ip_kind, p.user_agent, p.account_id,
           unnest(range(s.calls)) AS k
    FROM gen_case_streams s
    JOIN gen_cases c USING (case_name)
    JOIN gen_principals p USING (case_name)
    CROSS JOIN gen_today t
    WHERE t.day_no = 0
), shaped AS (
    SELECT calls.*,
           t.day_start + to_seconds(start_minute * 60 + member_no * 7 + (k * duration_minutes * 60) // calls) AS event_time,
           event_names[k % len(event_names) + 1] AS event_name,
           CASE WHEN fail_every > 0 AND k % fail_every = fail_every - 1 THEN error_code END AS failure,
           hash(g.seed, 'planted', case_name, stream_no, member_no, k) AS h
    FROM calls CROSS JOIN gen_today t CROSS JOIN gen_params g
)
SELECT
    ((epoch(event_time - t.day_start)::BIGINT // 300) * 9 + s.account_no * 3 + r.region_no)::INTEGER,
    event_time, principal_no, '1.09', 'bedrock.amazonaws.com', event_name, s.region,
    gen_source_ip(ip_kind, name, hash(g.seed, 'planted-ip', case_name, CASE WHEN shared_ip THEN 0 ELSE member_no END)), user_agent,
    failure,
    gen_error_message(failure, arn,
        CASE WHEN event_name LIKE '%Stream' THEN 'bedrock:InvokeModelWithResponseStream' ELSE 'bedrock:InvokeModel' END,
        CASE WHEN model_id LIKE 'arn:%' THEN model_id ELSE 'arn:aws:bedrock:' || s.region || '::foundation-model/' || model_id END),
    json_object('modelId', model_id), NULL, NULL,
    gen_uuid(h, hash(h, 'request')), gen_uuid(hash(h, 'event1'), hash(h, 'event2')),
    true, 'AwsApiCall', account_id,
    'bedrock-runtime.' || s.region || '.amazonaws.com'
FROM shaped s
JOIN gen_regions r ON r.region = s.region
CROSS JOIN gen_today t
CROSS JOIN gen_params g;

-- The event cases' calls and the campaign's control-plane calls (event_cases.sql), day 0 only, each from its principal's
-- source address; IAM is global (recorded in us-east-1, its endpoint has no region).
INSERT INTO gen_day
WITH calls AS (
    SELECT c.*, p.principal_no, p.arn, p.name, p.ip_kind, p.user_agent, p.account_id, a.account_no, r.region_no,
           t.day_start + to_seconds(c.second) AS event_time,
           hash(g.seed, 'planted-call', c.case_name, c.second, c.event_name) AS h
    FROM gen_case_calls c
    JOIN gen_principals p USING (case_name)
    JOIN gen_accounts a ON a.account_id = p.account_id
    JOIN gen_regions r ON r.region = c.region
    CROSS JOIN gen_today t
    CROSS JOIN gen_params g
    WHERE t.day_no = 0
)
SELECT
    ((epoch(event_time - t.day_start)::BIGINT // 300) * 9 + account_no * 3 + region_no)::INTEGER,
    event_time, principal_no, '1.09', event_source, event_name, region,
    gen_source_ip(ip_kind, name, hash(g.seed, 'planted-ip', case_name, 0)), user_agent,
    error_code,
    gen_error_message(error_code, arn, split_part(event_source, '.', 1) || ':' || event_name, NULL),
    request_parameters, NULL, additional_event_data,
    gen_uuid(h, hash(h, 'request')), gen_uuid(hash(h, 'event1'), hash(h, 'event2')),
    read_only, 'AwsApiCall', account_id,
    CASE WHEN event_source = 'iam.amazonaws.com' THEN 'iam.amazonaws.com'
         WHEN event_source = 'bedrock.amazonaws.com' AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
         THEN 'bedrock-runtime.' || region || '.amazonaws.com'
         ELSE split_part(event_source, '.', 1) || '.' || region || '.amazonaws.com' END
FROM calls
CROSS JOIN gen_today t
CROSS JOIN gen_params g;
