-- Background Bedrock runtime calls: gen_bedrock_counts calls per pair and 10-minute bucket, at random seconds.
INSERT INTO gen_day
WITH calls AS (
    SELECT c.pair_no, c.bucket, unnest(range(c.calls)) AS k FROM gen_bedrock_counts c
), hashed AS (
    SELECT calls.*, pr.*, t.day_start,
           hash(g.seed, t.day_no, 'bedrock', calls.pair_no, calls.bucket, calls.k) AS h,
           hash(g.seed, t.day_no, 'bedrock-id', calls.pair_no, calls.bucket, calls.k) AS h2
    FROM calls
    JOIN gen_pairs pr USING (pair_no)
    CROSS JOIN gen_params g
    CROSS JOIN gen_today t
), shaped AS (
    SELECT hashed.*,
           day_start + to_seconds(bucket * 600 + (h % 600)::BIGINT) AS event_time,
           CASE
               WHEN embedding THEN 'InvokeModel'
               WHEN (h >> 16) % 100 < 45 THEN 'Converse'
               WHEN (h >> 16) % 100 < 70 THEN 'InvokeModel'
               WHEN (h >> 16) % 100 < 90 THEN 'ConverseStream'
               ELSE 'InvokeModelWithResponseStream'
           END AS event_name,
           CASE
               WHEN (h >> 24) % 1000 < 15 THEN 'ThrottlingException'
               WHEN (h >> 24) % 1000 < 25 THEN 'AccessDenied'
               WHEN (h >> 24) % 1000 < 30 THEN 'ValidationException'
           END AS error_code
    FROM hashed
)
SELECT
    ((epoch(event_time - s.day_start)::BIGINT // 300) * 9 + s.account_no * 3 + s.region_no)::INTEGER,
    event_time, s.principal_no, '1.09', 'bedrock.amazonaws.com', event_name, r.region,
    gen_source_ip(p.ip_kind, p.name, h >> 32), p.user_agent,
    error_code,
    gen_error_message(error_code, p.arn,
        CASE WHEN event_name LIKE '%Stream' THEN 'bedrock:InvokeModelWithResponseStream' ELSE 'bedrock:InvokeModel' END,
        CASE WHEN s.model_id LIKE 'arn:%' THEN s.model_id ELSE 'arn:aws:bedrock:' || r.region || '::foundation-model/' || s.model_id END),
    json_object('modelId', s.model_id), NULL, NULL,
    gen_uuid(h2, hash(h2, 'request')), gen_uuid(hash(h2, 'event1'), hash(h2, 'event2')),
    true, 'AwsApiCall', p.account_id,
    'bedrock-runtime.' || r.region || '.amazonaws.com'
FROM shaped s
JOIN gen_principals p USING (principal_no)
JOIN gen_regions r USING (region_no);
