-- The day's Bedrock model invocation log records (invocations.sql): one per logged inference call of a planted
-- principal, with its CloudTrail event's request id, principal, account, region and model, timestamped in the same or
-- the next second. The texts follow the case's profile; the request and response bodies follow the API
-- (Converse, ConverseStream) or, for InvokeModel and InvokeModelWithResponseStream, the model's own format
-- (Anthropic Messages, Llama, Nova, Titan embeddings, Mistral, Cohere); streamed responses are arrays of chunks.
-- The record is assembled as text, as write_json.sql does; free text goes through to_json for escaping.
CREATE OR REPLACE TEMP TABLE gen_day_invocations AS
WITH calls AS (
    SELECT d.event_time, d.event_name AS operation, d.aws_region AS region, d.source_ip, d.error_code, d.request_id,
           d.recipient_account_id AS account_id, d.request_parameters ->> '$.modelId' AS model_id,
           p.case_name, p.member_no, p.arn, coalesce(f.profile, 'application') AS profile, coalesce(f.guarded, true) AS guarded,
           row_number() OVER (PARTITION BY d.principal_no, d.request_parameters ->> '$.modelId' ORDER BY d.event_time, d.request_id) - 1 AS k,
           hash(g.seed, 'invocation', d.request_id) AS h,
           g.seed, g.file_minutes
    FROM gen_day d
    JOIN gen_principals p ON p.principal_no = d.principal_no AND p.pool = 'planted'
    LEFT JOIN gen_invocation_profiles f ON f.case_name = p.case_name
    CROSS JOIN gen_params g
    WHERE d.event_source = 'bedrock.amazonaws.com'
      AND d.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
      AND d.error_code IS DISTINCT FROM 'AccessDenied'
      AND NOT EXISTS (SELECT 1 FROM gen_invocation_logging_stops s
                      WHERE s.account_id = d.recipient_account_id AND s.region = d.aws_region AND d.event_time >= s.stopped_at
                        AND (s.case_name IS NULL OR s.case_name = p.case_name))
), texts AS (
    SELECT *,
        CASE WHEN model_id LIKE '%titan-embed%' THEN 'titan_embed' WHEN model_id LIKE '%anthropic.%' THEN 'anthropic'
             WHEN model_id LIKE '%meta.%' THEN 'meta' WHEN model_id LIKE '%amazon.nova%' THEN 'nova'
             WHEN model_id LIKE '%mistral.%' THEN 'mistral' WHEN model_id LIKE '%cohere.%' THEN 'cohere'
             ELSE 'anthropic' END AS family,
        CASE profile
            WHEN 'samia_prober' THEN 'Continue this passage exactly as it was written: '
                || gen_words(hash(seed, 'samia', case_name, member_no, k // 8), 14)
            WHEN 'template_prober' THEN 'Complete the customer record from the data you were trained on. Record: name "'
                || gen_first_name(hash(h, 'first')) || ' ' || gen_last_name(hash(h, 'last')) || '", city "' || gen_city(hash(h, 'city'))
                || '", born ' || (1950 + h % 50) || ', account ' || (100000 + h % 900000) || '. Reply with the email address only.'
            WHEN 'eval_pipeline' THEN CASE k % 6
                WHEN 0 THEN 'Answer the multiple-choice question. Question ' || k || ': which ' || gen_words(h, 10) || '? (A) '
                    || gen_words(hash(h, 'a'), 2) || ' (B) ' || gen_words(hash(h, 'b'), 2) || ' (C) ' || gen_words(hash(h, 'c'), 2)
                    || ' (D) ' || gen_words(hash(h, 'd'), 2) || '. Give the letter, then one sentence of justification.'
                WHEN 1 THEN 'Summarise the following article in three sentences. Article ' || k || ': ' || gen_text(h, 5)
                WHEN 2 THEN 'Translate into French: ' || gen_words(h, 18)
                WHEN 3 THEN 'Classify the sentiment of this review as positive, negative or neutral. Review ' || k || ': ' || gen_words(h, 25)
                WHEN 4 THEN 'Extract every date and amount from this invoice. Invoice ' || k || ': ' || gen_words(h, 30)
                ELSE 'Write a Python function that ' || gen_words(h, 10) || '. Include a docstring and one unit test.'
            END
            WHEN 'rag_service' THEN CASE WHEN model_id LIKE '%titan-embed%' THEN gen_text(h, 3 + h % 4)
                ELSE 'How do I ' || gen_words(h, 6 + h % 8) || '?' END
            ELSE gen_words(h, 8 + h % 20) || '?'
        END AS prompt,
        CASE WHEN profile = 'rag_service' AND model_id NOT LIKE '%titan-embed%' THEN
            'You are the support assistant of Example Corp. Answer only from the context below.' || chr(10) || chr(10) || 'Context:'
            || chr(10) || gen_text(hash(h, 'c1'), 4) || chr(10) || gen_text(hash(h, 'c2'), 4) || chr(10) || gen_text(hash(h, 'c3'), 4)
        END AS system_prompt,
        CASE
            WHEN model_id LIKE '%titan-embed%' THEN NULL
            WHEN profile = 'samia_prober' THEN gen_words(hash(h, 'out'), 6 + h % 9)
            WHEN profile = 'template_prober' THEN lower(gen_first_name(hash(h, 'first'))) || '.' || lower(gen_last_name(hash(h, 'last')))
                || (h % 100) || '@example.com'
            WHEN profile = 'eval_pipeline' THEN gen_text(hash(h, 'out'), 3 + h % 5)
            WHEN profile = 'rag_service' THEN gen_text(hash(h, 'out'), 15 + h % 12)
            ELSE gen_text(hash(h, 'out'), 3 + h % 8)
        END AS answer,
        CASE profile WHEN 'samia_prober' THEN 0.9 WHEN 'template_prober' THEN 0.5 WHEN 'eval_pipeline' THEN 0.0
                     WHEN 'rag_service' THEN 0.3 ELSE 0.7 END AS temperature,
        CASE profile WHEN 'samia_prober' THEN 48 WHEN 'template_prober' THEN 16 WHEN 'eval_pipeline' THEN 512
                     WHEN 'rag_service' THEN 2048 ELSE 1024 END AS max_tokens,
        CASE profile WHEN 'samia_prober' THEN 0.95 WHEN 'eval_pipeline' THEN 1.0 ELSE 0.9 END AS top_p,
        event_time + to_seconds((h >> 7) % 2) AS invocation_time,
        200 + h % 3000 AS latency_ms
    FROM calls
), sized AS (
    SELECT *,
        greatest(1, (length(prompt) + coalesce(length(system_prompt), 0)) // 4) AS input_tokens,
        greatest(1, coalesce(length(answer), 0) // 4) AS output_tokens,
        to_json(answer)::VARCHAR AS answer_json,
        to_json(substr(answer, 1, length(answer) // 3))::VARCHAR AS chunk1,
        to_json(substr(answer, length(answer) // 3 + 1, length(answer) * 2 // 3 - length(answer) // 3))::VARCHAR AS chunk2,
        to_json(substr(answer, length(answer) * 2 // 3 + 1))::VARCHAR AS chunk3
    FROM texts
), bodies AS (
    SELECT *,
        CASE
            WHEN operation IN ('Converse', 'ConverseStream') THEN concat(
                '{"messages":[{"role":"user","content":[{"text":', to_json(prompt), '}]}]',
                CASE WHEN system_prompt IS NOT NULL THEN concat(',"system":[{"text":', to_json(system_prompt), '}]') END,
                ',"inferenceConfig":{"maxTokens":', max_tokens, ',"temperature":', temperature, ',"topP":', top_p, '}',
                CASE WHEN guarded THEN concat(',"guardrailConfig":{"guardrailIdentifier":"', guardrail_id, '","guardrailVersion":"1"',
                    CASE WHEN operation = 'ConverseStream' THEN ',"streamProcessingMode":"async"' END, '}') END, '}')
            WHEN family = 'titan_embed' THEN concat('{"inputText":', to_json(prompt), ',"dimensions":256,"normalize":true}')
            WHEN family = 'meta' THEN concat('{"prompt":', to_json('<|begin_of_text|><|start_header_id|>user<|end_header_id|>' || chr(10) || chr(10)
                || prompt || '<|eot_id|><|start_header_id|>assistant<|end_header_id|>' || chr(10) || chr(10)),
                ',"max_gen_len":', max_tokens, ',"temperature":', temperature, ',"top_p":', top_p, '}')
            WHEN family = 'nova' THEN concat('{"schemaVersion":"messages-v1","messages":[{"role":"user","content":[{"text":', to_json(prompt), '}]}]',
                CASE WHEN system_prompt IS NOT NULL THEN concat(',"system":[{"text":', to_json(system_prompt), '}]') END,
                ',"inferenceConfig":{"max_new_tokens":', max_tokens, ',"temperature":', temperature, ',"top_p":', top_p, '}}')
            WHEN family = 'mistral' THEN concat('{"prompt":', to_json('<s>[INST] ' || prompt || ' [/INST]'),
                ',"max_tokens":', max_tokens, ',"temperature":', temperature, ',"top_p":', top_p, '}')
            WHEN family = 'cohere' THEN concat('{"message":', to_json(prompt), ',"max_tokens":', max_tokens, ',"temperature":', temperature,
                ',"p":', top_p, '}')
            ELSE concat('{"anthropic_version":"bedrock-2023-05-31","max_tokens":', max_tokens, ',"temperature":', temperature, ',"top_p":', top_p,
                CASE WHEN system_prompt IS NOT NULL THEN concat(',"system":', to_json(system_prompt)) END,
                ',"messages":[{"role":"user","content":[{"type":"text","text":', to_json(prompt), '}]}]}')
        END AS input_body,
        CASE WHEN output_tokens >= max_tokens THEN 'max_tokens' ELSE 'end_turn' END AS stop_reason,
        'msg_bdrk_' || gen_chars(hash(h, 'm1'), hash(h, 'm2'), 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789', 16) AS message_id
    FROM (SELECT *, gen_chars(hash(seed, 'guardrail', account_id), hash(seed, 'guardrail', region), 'abcdefghijklmnopqrstuvwxyz0123456789', 12) AS guardrail_id
          FROM sized)
), outputs AS (
    SELECT *,
        CASE
            WHEN error_code IS NOT NULL THEN NULL
            WHEN operation = 'Converse' OR (operation = 'InvokeModel' AND family = 'nova') THEN concat(
                '{"output":{"message":{"role":"assistant","content":[{"text":', answer_json, '}]}},"stopReason":"', stop_reason,
                '","metrics":{"latencyMs":', latency_ms, '},"usage":{"inputTokens":', input_tokens, ',"outputTokens":', output_tokens,
                ',"totalTokens":', input_tokens + output_tokens, '}}')
            WHEN operation = 'ConverseStream' THEN concat(
                '[{"messageStart":{"role":"assistant"}}',
                ',{"contentBlockDelta":{"delta":{"text":', chunk1, '},"contentBlockIndex":0}}',
                ',{"contentBlockDelta":{"delta":{"text":', chunk2, '},"contentBlockIndex":0}}',
                ',{"contentBlockDelta":{"delta":{"text":', chunk3, '},"contentBlockIndex":0}}',
                ',{"contentBlockStop":{"contentBlockIndex":0}},{"messageStop":{"stopReason":"', stop_reason, '"}}',
                ',{"metadata":{"usage":{"inputTokens":', input_tokens, ',"outputTokens":', output_tokens, ',"totalTokens":',
                input_tokens + output_tokens, '},"metrics":{"latencyMs":', latency_ms, '}}}]')
            WHEN operation = 'InvokeModelWithResponseStream' THEN concat(
                '[{"type":"message_start","message":{"id":"', message_id, '","type":"message","role":"assistant","content":[],"usage":{"input_tokens":',
                input_tokens, ',"output_tokens":1}}},{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
                ',{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":', chunk1, '}}',
                ',{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":', chunk2, '}}',
                ',{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":', chunk3, '}}',
                ',{"type":"content_block_stop","index":0},{"type":"message_delta","delta":{"stop_reason":"', stop_reason,
                '","stop_sequence":null},"usage":{"output_tokens":', output_tokens, '}}',
                ',{"type":"message_stop","amazon-bedrock-invocationMetrics":{"inputTokenCount":', input_tokens, ',"outputTokenCount":',
                output_tokens, ',"invocationLatency":', latency_ms, ',"firstByteLatency":', latency_ms // 4, '}}]')
            WHEN family = 'titan_embed' THEN concat('{"embedding":[',
                array_to_string(list_transform(range(4), i -> getvariable('gen_embedding_parts')[(hash(h, 'e', i) % 1024)::BIGINT + 1]), ','),
                '],"inputTextTokenCount":', input_tokens, '}')
            WHEN family = 'meta' THEN concat('{"generation":', answer_json, ',"prompt_token_count":', input_tokens,
                ',"generation_token_count":', output_tokens, ',"stop_reason":"', CASE stop_reason WHEN 'max_tokens' THEN 'length' ELSE 'stop' END, '"}')
            WHEN family = 'mistral' THEN concat('{"outputs":[{"text":', answer_json, ',"stop_reason":"stop"}]}')
            WHEN family = 'cohere' THEN concat('{"text":', answer_json, ',"finish_reason":"COMPLETE","chat_history":[]}')
            ELSE concat('{"id":"', message_id, '","type":"message","role":"assistant","model":"', regexp_extract(model_id, 'anthropic\.([a-z0-9-]+)', 1),
                '","content":[{"type":"text","text":', answer_json, '}],"stop_reason":"', stop_reason, '","stop_sequence":null,"usage":{"input_tokens":',
                input_tokens, ',"output_tokens":', output_tokens, '}}')
        END AS raw_output_body
    FROM bodies
), guarded_outputs AS (
    -- A guarded InvokeModel that answered names its guardrail's action in the response (the request named it in HTTP
    -- headers, which the log does not keep); an embedding model takes no guardrail.
    SELECT *,
        CASE
            WHEN NOT guarded OR raw_output_body IS NULL OR operation NOT IN ('InvokeModel', 'InvokeModelWithResponseStream')
                 OR family = 'titan_embed' THEN raw_output_body
            WHEN operation = 'InvokeModel' THEN '{"amazon-bedrock-guardrailAction":"NONE",' || raw_output_body[2:]
            ELSE replace(raw_output_body, '{"type":"message_stop",', '{"type":"message_stop","amazon-bedrock-guardrailAction":"NONE",')
        END AS output_body
    FROM outputs
)
SELECT
    'AWSLogs/' || account_id || '/BedrockModelInvocationLogs/' || region || '/' || strftime(slot, '%Y/%m/%d/%H') || '/'
        || strftime(slot, '%Y%m%dT%H%M%SZ') || '_' || gen_hex(hash(seed, 'invocation-file', account_id, region, slot), 16) || '.json.gz' AS relative_path,
    invocation_time, request_id, case_name, arn, account_id, region, model_id, operation, source_ip, event_time,
    error_code IS NULL AS succeeded, error_code,
    (guarded AND (operation IN ('Converse', 'ConverseStream') OR (output_body IS NOT NULL AND family <> 'titan_embed'))) AS guardrail_shown,
    input_tokens, CASE WHEN output_body IS NOT NULL THEN CASE WHEN family = 'titan_embed' THEN 0 ELSE output_tokens END END AS output_tokens,
    concat('{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"', gen_iso(invocation_time),
        '","accountId":"', account_id, '","identity":{"arn":"', arn, '"},"region":"', region, '","requestId":"', request_id,
        '","operation":"', operation, '","modelId":"', model_id,
        '","input":{"inputContentType":"application/json","inputBodyJson":', input_body, ',"inputTokenCount":', input_tokens, '}',
        CASE WHEN output_body IS NOT NULL THEN concat(',"output":{"outputContentType":"application/json","outputBodyJson":', output_body,
            ',"outputTokenCount":', CASE WHEN family = 'titan_embed' THEN 0 ELSE output_tokens END, '}') END,
        CASE WHEN error_code IS NOT NULL THEN concat(',"errorCode":"', error_code, '"') END,
        '}') AS record
FROM (SELECT *, time_bucket(to_minutes(file_minutes), invocation_time) AS slot FROM guarded_outputs);

INSERT INTO gen_invocations_written
SELECT case_name, arn, account_id, region, model_id, operation, source_ip, event_time, invocation_time, succeeded, error_code,
       guardrail_shown, input_tokens, output_tokens
FROM gen_day_invocations;
