-- A new-terms rule's kept history (rule_term_hours): for the ingest batches after the last one it took in
-- (rule_term_batches; every batch the first time) up to $max_batch, the last time in each hour that an event matching
-- the rule's predicate had each term. Batches are appended to cloudtrail_events in order, so zone maps on
-- ingest_batch skip the rest: a scheduled run reads only the new batches' events. Rows of batches after the mark
-- (none, unless a what-if file starts over) go first, so that running it again takes each batch once. The columns
-- are the event rules' shared stage's (detect/stages/family_append.sql), so the rule's predicate and term read here
-- as they read there.
DELETE FROM rule_term_hours
WHERE rule_id = $rule_id
  AND ingest_batch > coalesce((SELECT last_batch FROM rule_term_batches WHERE rule_id = $rule_id), 0);

INSERT INTO rule_term_hours (rule_id, term, hour_start, last_seen, ingest_batch)
SELECT $rule_id, term, time_bucket(INTERVAL 1 HOUR, event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00'), max(event_time), $max_batch
FROM (
    SELECT *, {{term}} AS term
    FROM (
        SELECT *, {{event_model_id}} AS model_id
        FROM cloudtrail_events
        WHERE ingest_batch > coalesce((SELECT last_batch FROM rule_term_batches WHERE rule_id = $rule_id), 0)
          AND ingest_batch <= $max_batch
    )
    WHERE ({{predicate}})
)
GROUP BY ALL;

INSERT INTO rule_term_batches (rule_id, last_batch) VALUES ($rule_id, $max_batch)
ON CONFLICT (rule_id) DO UPDATE SET last_batch = greatest(rule_term_batches.last_batch, excluded.last_batch)
