-- The exact load appends the batch's new events from ingest_stage. An event counts once: a record whose eventID is
-- already stored is dropped, and within the batch the first file (in load order, file_rank) wins; within one file,
-- the earliest eventTime, then the smallest md5 of the normalized record (a fixed choice, whatever order the parallel
-- read produced).
-- Duplicates within a batch are rare, so only the ids seen twice are ranked. Rows go in in event-time order, so that
-- each row group covers a short stretch of time and detect's time ranges skip the rest (zone maps).
INSERT INTO cloudtrail_events BY NAME
WITH losers AS (
    SELECT row_id FROM (
        SELECT s.rowid AS row_id,
               row_number() OVER (PARTITION BY s.event_id ORDER BY f.file_rank, s.event_time, md5(to_json(s)::VARCHAR)) AS position
        FROM ingest_stage s
        JOIN ingest_files f ON f.read_path = s.source_file
        WHERE s.event_id IN (
            SELECT event_id FROM ingest_stage WHERE event_id IS NOT NULL GROUP BY event_id HAVING count(*) > 1)
    )
    WHERE position > 1
)
SELECT s.* EXCLUDE (source_file, has_cloudtrail_fields), duckdetect_event_key(s.event_id) AS event_key,
       $batch AS ingest_batch, $now AS ingested_at, f.path AS source_file
FROM ingest_stage s
JOIN ingest_files f ON f.read_path = s.source_file AND f.accepted
WHERE s.event_id IS NOT NULL
  AND s.event_time IS NOT NULL
  AND s.rowid NOT IN (SELECT row_id FROM losers)
  AND NOT EXISTS (SELECT 1 FROM cloudtrail_events e WHERE e.event_id = s.event_id)
ORDER BY s.event_time
