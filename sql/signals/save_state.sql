-- The run's threshold rules' signals (signal_rules) have taken in the invocation ingest batches up to $max_batch.
INSERT INTO content_signal_state (rule_id, last_invocation_batch, updated_at)
SELECT rule_id, $max_batch, $now FROM signal_rules WHERE last_batch <> $max_batch
ON CONFLICT (rule_id) DO UPDATE SET
    last_invocation_batch = greatest(content_signal_state.last_invocation_batch, excluded.last_invocation_batch),
    updated_at = excluded.updated_at
