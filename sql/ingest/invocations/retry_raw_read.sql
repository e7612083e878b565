-- The raw records of --retry-bodies (retry_raw.sql).
SELECT * FROM ingest_retry_raw
