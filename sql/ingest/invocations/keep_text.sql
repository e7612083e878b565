-- With --keep-text: the texts of the invocations this batch appended, credentials masked ([REDACTED]; a PEM private
-- key from its BEGIN line to its END line, or to the end of the text).
INSERT INTO bedrock_invocation_texts
SELECT b.account_id, b.request_id, b.invocation_time,
       {{redacted_texts}},
       $batch
FROM bedrock_invocations b
JOIN ingest_files f ON f.path = b.source_file
JOIN ingest_invocation_stage s
  ON s.source_file = f.read_path AND s.account_id = b.account_id AND s.request_id = b.request_id
 AND s.invocation_time = b.invocation_time
WHERE b.ingest_batch = $batch
  AND (s.prompt_text IS NOT NULL OR s.output_text IS NOT NULL)
