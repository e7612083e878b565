-- The files (as read) holding the batch's new invocations whose bodies were delivered separately and are not read yet:
-- those read again, with the bodies (separate_raw.sql).
SELECT DISTINCT s.source_file
FROM ingest_invocation_stage s
WHERE {{unread_new}}
ORDER BY s.source_file
