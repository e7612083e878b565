-- Per file of the batch: the records read, those skipped (not an invocation log record, or without an account,
-- request id or valid timestamp) and the new invocations appended (insert.sql runs first). The shape
-- ingested_files' columns take (record_files.sql): records, skipped, events_new.
CREATE OR REPLACE TEMP TABLE ingest_counts AS
WITH staged AS (
    SELECT f.path, count(*) AS records,
           count(*) FILTER (WHERE NOT coalesce(s.is_invocation, false) OR s.account_id IS NULL OR s.request_id IS NULL
                                  OR s.invocation_time IS NULL) AS skipped
    FROM ingest_invocation_stage s
    JOIN ingest_files f ON f.read_path = s.source_file
    GROUP BY f.path
), appended AS (
    SELECT source_file AS path, count(*) AS events_new
    FROM bedrock_invocations
    WHERE ingest_batch = $batch
    GROUP BY source_file
)
SELECT s.path, s.records, s.skipped, coalesce(a.events_new, 0) AS events_new
FROM staged s
LEFT JOIN appended a USING (path)
