-- Threshold rule $rule_id takes part in this run's refresh of content signals (signals/rules.sql), with the last
-- invocation ingest batch its signals took in (none before its first run).
INSERT INTO signal_rules
SELECT $rule_id, $run_id, $severity, $risk_score,
       coalesce((SELECT last_invocation_batch FROM content_signal_state WHERE rule_id = $rule_id), 0);
