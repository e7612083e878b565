-- What --retry-bodies read: the stored unread invocations whose bodies it read now, and those still unread.
SELECT count(*) FILTER (WHERE separate_body_read) AS Read, count(*) FILTER (WHERE NOT separate_body_read) AS Unread
FROM ingest_invocation_stage
