-- The files (as read) holding the staged records whose bodies are to be read (separate_paths.sql): those read again,
-- with the bodies (separate_raw.sql).
SELECT DISTINCT s.source_file
FROM ingest_invocation_stage s
WHERE {{unread}}
ORDER BY s.source_file
