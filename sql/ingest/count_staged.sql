-- Per file of an exact load: the records read, and those skipped (without eventID or a valid eventTime).
CREATE OR REPLACE TEMP TABLE ingest_counts AS
SELECT f.path, count(*) AS records, count(*) FILTER (WHERE s.event_id IS NULL OR s.event_time IS NULL) AS skipped
FROM ingest_stage s
JOIN ingest_files f ON f.read_path = s.source_file
GROUP BY f.path
