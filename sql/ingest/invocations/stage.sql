-- The batch's invocation records, parsed: one row per record read, with what bedrock_invocations keeps of it and the
-- (transient) texts the hashes are made of. Texts stay in this temporary table of the batch's transaction; only
-- --keep-text copies them, redacted, into bedrock_invocation_texts.
--   last user turn  the text of the last message of role "user" in messages[] (Converse, Anthropic Messages, Mistral,
--                   Nova: chat APIs resend the whole history each turn), else "prompt" (Anthropic Text Completions,
--                   Llama, Mistral, Cohere), "inputText" (Titan) or "message" (Cohere chat); NULL when the body is
--                   of another shape, or delivered separately (inputBodyS3Path) and not read
-- The raw records carry fetched_input / fetched_output (a body delivered separately, read by separate_bodies.sql,
-- NULL when none was) and bodies_read (every body of the record delivered separately was read): a body read from
-- its own object is parsed exactly as one in the record.
--   output text     the text of the response: Anthropic content[], Converse output.message.content[], Titan
--                   results[], "completion", "generation", Mistral outputs[], Cohere generations[] / "text", or the
--                   concatenated text deltas of a streamed response (an array of chunks)
CREATE OR REPLACE TEMP TABLE ingest_invocation_stage AS
WITH raw AS (
{{raw}}
), parsed AS (
    SELECT
        source_file,
        schemaType = 'ModelInvocationLog' AS is_invocation,
        try_cast(timestamp AS TIMESTAMPTZ) AS invocation_time,
        nullif(accountId, '') AS account_id,
        identity ->> '$.arn' AS principal_arn,
        region,
        nullif(requestId, '') AS request_id,
        operation,
        modelId,
        json_object('modelId', modelId)::VARCHAR AS request_parameters,
        try_cast(input ->> '$.inputTokenCount' AS BIGINT) AS input_tokens,
        try_cast(output ->> '$.outputTokenCount' AS BIGINT) AS output_tokens,
        nullif(errorCode, '') AS error_code,
        input ->> '$.inputBodyS3Path' AS input_body_s3_path,
        output ->> '$.outputBodyS3Path' AS output_body_s3_path,
        coalesce(fetched_input, input -> '$.inputBodyJson') AS in_body,
        coalesce(fetched_output, output -> '$.outputBodyJson') AS out_body,
        bodies_read
    FROM raw
), bodies AS (
    SELECT *,
        CASE json_type(in_body) WHEN 'OBJECT' THEN in_body END AS req,
        in_body::VARCHAR AS in_text,
        out_body::VARCHAR AS out_text,
        CASE WHEN json_type(in_body, '$.messages') = 'ARRAY' THEN
            list_filter(CAST(in_body -> '$.messages' AS JSON[]), lambda m: m ->> '$.role' = 'user')[-1] -> '$.content'
        END AS user_content
    FROM parsed
), texts AS (
    SELECT *,
        CASE
            WHEN json_type(req, '$.messages') = 'ARRAY' THEN 'messages'
            WHEN json_type(req, '$.prompt') = 'VARCHAR' THEN 'prompt'
            WHEN json_type(req, '$.inputText') = 'VARCHAR' THEN 'inputText'
            WHEN json_type(req, '$.message') = 'VARCHAR' THEN 'message'
        END AS input_format,
        CASE
            WHEN json_type(req, '$.messages') = 'ARRAY' THEN
                CASE json_type(user_content)
                    WHEN 'VARCHAR' THEN user_content ->> '$'
                    WHEN 'ARRAY' THEN nullif(array_to_string(list_filter(
                        list_transform(CAST(user_content AS JSON[]), lambda c: c ->> '$.text'), lambda t: t IS NOT NULL), ' '), '')
                END
            ELSE coalesce(req ->> '$.prompt', req ->> '$.inputText', req ->> '$.message')
        END AS prompt_text,
        CASE json_type(out_body)
            WHEN 'ARRAY' THEN array_to_string(list_filter(list_transform(CAST(out_body AS JSON[]), lambda c: coalesce(
                c ->> '$.delta.text', c ->> '$.contentBlockDelta.delta.text', c ->> '$.outputText',
                c ->> '$.completion', c ->> '$.generation', c ->> '$.outputs[0].text', c ->> '$.text')), lambda t: t IS NOT NULL), '')
            WHEN 'OBJECT' THEN coalesce(
                nullif(array_to_string(list_filter(list_transform(coalesce(
                    try_cast(out_body -> '$.content' AS JSON[]),
                    try_cast(out_body -> '$.output.message.content' AS JSON[]),
                    try_cast(out_body -> '$.results' AS JSON[]),
                    try_cast(out_body -> '$.outputs' AS JSON[]),
                    try_cast(out_body -> '$.generations' AS JSON[])),
                    lambda c: coalesce(c ->> '$.text', c ->> '$.outputText')), lambda t: t IS NOT NULL), ''), ''),
                out_body ->> '$.completion', out_body ->> '$.generation', out_body ->> '$.text')
        END AS output_text
    FROM bodies
), normalized AS (
    SELECT *,
        lower(trim(regexp_replace(prompt_text, '\s+', ' ', 'g'))) AS prompt_norm,
        lower(trim(regexp_replace(output_text, '\s+', ' ', 'g'))) AS output_norm
    FROM texts
), shingled AS (
    -- A prompt's word 3-shingles (a prompt of fewer than three words is one shingle), each hashed once for minhash.sql.
    SELECT *,
        list_transform(
            CASE WHEN prompt_norm IS NULL OR prompt_norm = '' THEN []
                 WHEN len(string_split(prompt_norm, ' ')) < 3 THEN [prompt_norm]
                 ELSE list_transform(range(1, len(string_split(prompt_norm, ' ')) - 1),
                                     lambda i: array_to_string(string_split(prompt_norm, ' ')[i:i + 2], ' '))
            END,
            lambda s: ((md5_number(s) & 4294967295::UHUGEINT)::UBIGINT % 4294967291)) AS shingle_hashes
    FROM normalized
)
SELECT
    source_file,
    is_invocation,
    invocation_time,
    account_id,
    principal_arn,
    region,
    request_id,
    operation,
    {{model_id}} AS model_id,
    input_tokens,
    output_tokens,
    error_code,
    CASE
        WHEN regexp_extract(out_text, '"amazon-bedrock-guardrailAction"\s*:\s*"([A-Za-z_]+)"', 1) <> ''
            THEN upper(regexp_extract(out_text, '"amazon-bedrock-guardrailAction"\s*:\s*"([A-Za-z_]+)"', 1))
        WHEN regexp_matches(out_text, '"stopReason"\s*:\s*"guardrail_intervened"')
            OR regexp_matches(out_text, '"guardrail"\s*:\s*\{.*"action"\s*:\s*"(BLOCKED|ANONYMIZED|GUARDRAIL_INTERVENED)"')
            THEN 'INTERVENED'
        WHEN regexp_matches(out_text, '"guardrail"\s*:\s*\{') THEN 'NONE'
    END AS guardrail_action,
    coalesce(try_cast(req ->> '$.inferenceConfig.temperature' AS DOUBLE),
             try_cast(req ->> '$.temperature' AS DOUBLE),
             try_cast(req ->> '$.textGenerationConfig.temperature' AS DOUBLE)) AS temperature,
    coalesce(try_cast(req ->> '$.inferenceConfig.maxTokens' AS BIGINT),
             try_cast(req ->> '$.inferenceConfig.max_new_tokens' AS BIGINT),
             try_cast(req ->> '$.max_tokens' AS BIGINT),
             try_cast(req ->> '$.maxTokens' AS BIGINT),
             try_cast(req ->> '$.max_tokens_to_sample' AS BIGINT),
             try_cast(req ->> '$.max_gen_len' AS BIGINT),
             try_cast(req ->> '$.textGenerationConfig.maxTokenCount' AS BIGINT)) AS max_tokens,
    coalesce(try_cast(req ->> '$.inferenceConfig.topP' AS DOUBLE),
             try_cast(req ->> '$.inferenceConfig.top_p' AS DOUBLE),
             try_cast(req ->> '$.top_p' AS DOUBLE),
             try_cast(req ->> '$.topP' AS DOUBLE),
             try_cast(req ->> '$.p' AS DOUBLE),
             try_cast(req ->> '$.textGenerationConfig.topP' AS DOUBLE)) AS top_p,
    input_format,
    md5(prompt_norm) AS prompt_hash,
    md5({{template}}) AS template_hash,
    {{minhash}} AS prompt_minhash,
    length(prompt_text) AS prompt_chars,
    md5(output_norm) AS output_hash,
    length(output_text) AS output_chars,
    regexp_matches(in_text, {{credential_pattern}}) AS prompt_has_credential,
    regexp_matches(out_text, {{credential_pattern}}) AS output_has_credential,
    input_body_s3_path,
    output_body_s3_path,
    CASE WHEN input_body_s3_path IS NOT NULL OR output_body_s3_path IS NOT NULL THEN bodies_read END AS separate_body_read,
    coalesce(req ->> '$.guardrailConfig.guardrailIdentifier',
             json_keys(json_extract(out_body, '$..inputAssessment') -> '$[0]')[1],
             json_keys(json_extract(out_body, '$..outputAssessments') -> '$[0]')[1],
             json_keys(json_extract(out_body, '$.."amazon-bedrock-trace".guardrail.input') -> '$[0]')[1]) AS guardrail_id,
    {{guardrail_assessments}} AS guardrail_assessments,
    CASE WHEN in_text IS NOT NULL THEN list_filter({{exec_patterns}}, lambda p: contains(lower(in_text), p)) END AS prompt_exec_patterns,
    prompt_text,
    output_text
FROM shingled
