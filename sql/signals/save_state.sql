-- The rule's signals have taken in the invocation ingest batches up to $max_batch.
INSERT INTO content_signal_state (rule_id, last_invocation_batch, updated_at)
VALUES ($rule_id, $max_batch, $now)
ON CONFLICT (rule_id) DO UPDATE SET
    last_invocation_batch = greatest(content_signal_state.last_invocation_batch, excluded.last_invocation_batch),
    updated_at = excluded.updated_at
