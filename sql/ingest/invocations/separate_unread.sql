-- How many of the staged records the condition takes (separate_paths.sql) still have a body delivered separately that
-- was not read.
SELECT count(*)
FROM ingest_invocation_stage s
WHERE {{unread}}
