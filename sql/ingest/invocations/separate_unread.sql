-- How many of the batch's new invocations have a body delivered separately that was not read.
SELECT count(*)
FROM ingest_invocation_stage s
WHERE {{unread_new}}
