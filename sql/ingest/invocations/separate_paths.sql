-- The objects holding the bodies delivered separately (input.inputBodyS3Path, output.outputBodyS3Path) of the staged
-- records the condition takes: at ingest the batch's new invocations not read yet (unread_new.sql; a record already
-- stored, from a file re-delivered under another name, is not read again), on --retry-bodies the stored unread ones
-- (unread_stored.sql).
SELECT DISTINCT path
FROM (
    SELECT unnest([s.input_body_s3_path, s.output_body_s3_path]) AS path
    FROM ingest_invocation_stage s
    WHERE {{unread}}
)
WHERE path IS NOT NULL
ORDER BY path
