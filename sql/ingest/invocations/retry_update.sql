-- The stored invocations whose bodies --retry-bodies read: every column their bodies give, separate_body_read true, and
-- the retry's ingest batch, so that detection re-evaluates the windows and content signals they fall in, as for late
-- records (the rest of the row stays as loaded).
UPDATE bedrock_invocations b
SET guardrail_action = s.guardrail_action, temperature = s.temperature, max_tokens = s.max_tokens, top_p = s.top_p,
    input_format = s.input_format, prompt_hash = s.prompt_hash, template_hash = s.template_hash,
    prompt_minhash = s.prompt_minhash, prompt_chars = s.prompt_chars, output_hash = s.output_hash,
    output_chars = s.output_chars, prompt_has_credential = s.prompt_has_credential,
    output_has_credential = s.output_has_credential, separate_body_read = true, guardrail_id = s.guardrail_id,
    guardrail_assessments = s.guardrail_assessments, prompt_exec_patterns = s.prompt_exec_patterns,
    ingest_batch = $batch
FROM ingest_invocation_stage s
WHERE s.separate_body_read AND b.account_id = s.account_id AND b.request_id = s.request_id
