-- Moves each rule's checkpoint forward (never back) and records the ingest batches it has seen: one row per rule of
-- the run (the lists, unnested together).
INSERT INTO rule_state (rule_id, evaluated_from, checkpoint, last_ingest_batch, updated_at)
SELECT unnest($rule_ids), unnest($range_froms), unnest($range_tos), $max_batch, $now
ON CONFLICT (rule_id) DO UPDATE SET
    evaluated_from = least(rule_state.evaluated_from, excluded.evaluated_from),
    checkpoint = greatest(rule_state.checkpoint, excluded.checkpoint),
    last_ingest_batch = greatest(rule_state.last_ingest_batch, excluded.last_ingest_batch),
    updated_at = excluded.updated_at
