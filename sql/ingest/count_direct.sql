-- Per file of a direct load: every record read was appended, none skipped.
CREATE OR REPLACE TEMP TABLE ingest_counts AS
SELECT source_file AS path, count(*) AS records, 0 AS skipped
FROM cloudtrail_events
WHERE ingest_batch = $batch
GROUP BY source_file
