-- The objects holding the bodies of the batch's new invocations that were delivered separately
-- (input.inputBodyS3Path, output.outputBodyS3Path) and are not read yet. Records already stored (a file re-delivered
-- under another name) are not read again: their rows stay as they are.
SELECT DISTINCT path
FROM (
    SELECT unnest([s.input_body_s3_path, s.output_body_s3_path]) AS path
    FROM ingest_invocation_stage s
    WHERE {{unread_new}}
)
WHERE path IS NOT NULL
ORDER BY path
