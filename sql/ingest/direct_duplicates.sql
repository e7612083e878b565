-- After a direct load: is an eventID of the batch stored twice now (stored before, or twice in the batch)? Then the
-- batch is loaded again the exact way, which keeps one. Equal ids have equal keys, so no repeated key means no
-- repeated id; the rare repeated key of two different ids only costs the exact load. The hash table holds the
-- batch's keys, not the history's, so memory stays flat; the stored keys are read once, as a stream of numbers.
SELECT EXISTS (
    SELECT 1
    FROM cloudtrail_events
    WHERE event_key IN (SELECT event_key FROM cloudtrail_events WHERE ingest_batch = $batch)
    GROUP BY event_key
    HAVING count(*) > 1
)
