-- After a direct load: is an eventID of the batch stored twice now (stored before, or twice in the batch)? Then the
-- batch is loaded again the exact way, which keeps one. The hash table holds the batch's ids, not the whole history's,
-- so memory stays flat however many events are stored; the stored ids are read once, as a stream.
SELECT EXISTS (
    SELECT 1
    FROM cloudtrail_events
    WHERE event_id IN (SELECT event_id FROM cloudtrail_events WHERE ingest_batch = $batch)
    GROUP BY event_id
    HAVING count(*) > 1
)
