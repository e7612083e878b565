-- Per file of a direct load: every record read was appended as a new event, none skipped.
CREATE OR REPLACE TEMP TABLE ingest_counts AS
SELECT source_file AS path, count(*) AS records, 0 AS skipped, count(*) AS events_new
FROM cloudtrail_events
WHERE ingest_batch = $batch
GROUP BY source_file
