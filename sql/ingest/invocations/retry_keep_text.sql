-- With --keep-text, on --retry-bodies: the texts of the invocations whose bodies were read, masked as keep_text.sql does.
INSERT INTO bedrock_invocation_texts
SELECT s.account_id, s.request_id, s.invocation_time,
       {{redacted_texts}},
       $batch
FROM ingest_invocation_stage s
WHERE s.separate_body_read AND (s.prompt_text IS NOT NULL OR s.output_text IS NOT NULL)
