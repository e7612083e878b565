-- The last invocation ingest batch rule $rule_id's content signals took in (none before its first run).
SELECT last_invocation_batch FROM content_signal_state WHERE rule_id = $rule_id
