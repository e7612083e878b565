-- After a direct load: does an eventID occur twice within the batch? Then the batch is loaded again the exact way,
-- which keeps one of them.
SELECT EXISTS (
    SELECT 1 FROM cloudtrail_events WHERE ingest_batch = $batch GROUP BY event_id HAVING count(*) > 1)
