-- Appends the batch's new invocations from ingest_invocation_stage. An invocation counts once per account and request
-- id: one already stored is dropped, and within the batch the first file (in load order, file_rank) wins, then the
-- earliest time, then the smallest MD5 of the staged row (a fixed choice, whatever order the parallel read produced).
-- Records that are not invocation logs, or lack an account, request id or valid timestamp, are skipped (counted).
INSERT INTO bedrock_invocations BY NAME
WITH candidates AS (
    SELECT s.*, f.path, f.file_rank
    FROM ingest_invocation_stage s
    JOIN ingest_files f ON f.read_path = s.source_file
    WHERE s.is_invocation AND s.account_id IS NOT NULL AND s.request_id IS NOT NULL AND s.invocation_time IS NOT NULL
), ranked AS (
    SELECT *, row_number() OVER (
        PARTITION BY account_id, request_id
        ORDER BY file_rank, invocation_time, md5(to_json(candidates)::VARCHAR)) AS position
    FROM candidates
)
SELECT r.* EXCLUDE (source_file, path, file_rank, position, is_invocation, prompt_text, output_text),
       r.path AS source_file, $batch AS ingest_batch, $now AS ingested_at
FROM ranked r
WHERE r.position = 1
  AND NOT EXISTS (SELECT 1 FROM bedrock_invocations b WHERE b.account_id = r.account_id AND b.request_id = r.request_id)
ORDER BY r.invocation_time
