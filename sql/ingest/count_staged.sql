-- Per file of an exact load: the records read, those skipped (without eventID or a valid eventTime), and the new
-- events appended (insert_events.sql runs first).
CREATE OR REPLACE TEMP TABLE ingest_counts AS
WITH staged AS (
    SELECT f.path, count(*) AS records, count(*) FILTER (WHERE s.event_id IS NULL OR s.event_time IS NULL) AS skipped
    FROM ingest_stage s
    JOIN ingest_files f ON f.read_path = s.source_file
    GROUP BY f.path
), appended AS (
    SELECT source_file AS path, count(*) AS events_new
    FROM cloudtrail_events
    WHERE ingest_batch = $batch
    GROUP BY source_file
)
SELECT s.path, s.records, s.skipped, coalesce(a.events_new, 0) AS events_new
FROM staged s
LEFT JOIN appended a USING (path)
