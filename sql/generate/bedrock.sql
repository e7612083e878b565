-- Background Bedrock runtime traffic: each principal of the bedrock pool calls three different models
-- (a pair = principal + model id as written in requestParameters). Pairs never share a principal and an
-- underlying model, so no pair's count can add to another's even if a detector normalizes model ids.

CREATE OR REPLACE TEMP TABLE gen_models AS
SELECT * FROM (VALUES
    ( 0, 'anthropic.claude-3-haiku-20240307-v1:0',    true,  false),
    ( 1, 'anthropic.claude-3-sonnet-20240229-v1:0',   true,  false),
    ( 2, 'anthropic.claude-3-5-sonnet-20240620-v1:0', true,  false),
    ( 3, 'anthropic.claude-3-5-sonnet-20241022-v2:0', true,  false),
    ( 4, 'anthropic.claude-3-5-haiku-20241022-v1:0',  true,  false),
    ( 5, 'anthropic.claude-3-7-sonnet-20250219-v1:0', true,  false),
    ( 6, 'anthropic.claude-v2:1',                     false, false),
    ( 7, 'amazon.titan-text-express-v1',              false, false),
    ( 8, 'amazon.titan-embed-text-v2:0',              false, true),
    ( 9, 'amazon.nova-pro-v1:0',                      true,  false),
    (10, 'amazon.nova-lite-v1:0',                     true,  false),
    (11, 'meta.llama3-1-70b-instruct-v1:0',           true,  false),
    (12, 'mistral.mistral-large-2402-v1:0',           false, false),
    (13, 'cohere.embed-english-v3',                   false, true),
    (14, 'cohere.command-r-plus-v1:0',                false, false)
) t(model_no, model_id, has_profile, embedding);

CREATE OR REPLACE TEMP TABLE gen_pairs AS
WITH pairs AS (
    SELECT p.principal_no, p.account_no, j.j,
           ((hash(g.seed, p.principal_no, 'models') % 15) + j.j * 5) % 15 AS model_no,
           hash(g.seed, p.principal_no, j.j, 'pair') AS h
    FROM gen_principals p
    CROSS JOIN (VALUES (0), (1), (2)) j(j)
    CROSS JOIN gen_params g
    WHERE p.pool = 'bedrock'
), placed AS (
    SELECT pairs.*, m.model_id, m.has_profile, m.embedding,
           CASE WHEN (h & 255) < 128 THEN 0 WHEN (h & 255) < 218 THEN 1 ELSE 2 END AS region_no,
           ((h >> 8) & 255) / 256.0 AS form_u,
           1 + ((h >> 16) % 10) * ((h >> 16) % 10) AS rate_weight
    FROM pairs JOIN gen_models m USING (model_no)
)
SELECT
    (row_number() OVER (ORDER BY principal_no, j) - 1)::INTEGER AS pair_no,
    principal_no, account_no, region_no, embedding, rate_weight,
    -- The model id in one of the forms CloudTrail shows: plain, foundation-model ARN, inference profile.
    CASE
        WHEN form_u < 0.5 THEN model_id
        WHEN form_u < 0.7 OR NOT has_profile THEN 'arn:aws:bedrock:' || r.region || '::foundation-model/' || model_id
        ELSE r.geo || '.' || model_id
    END AS model_id
FROM placed JOIN gen_regions r USING (region_no);
