-- The join has seen every ingest batch up to $upto_batch.
DELETE FROM invocation_match_state;
INSERT INTO invocation_match_state VALUES ($upto_batch, $now);
DROP TABLE IF EXISTS join_hours;
DROP TABLE IF EXISTS join_invocations;
DROP TABLE IF EXISTS join_events;
DROP TABLE IF EXISTS join_id_pairs;
DROP TABLE IF EXISTS join_time_pairs;
DROP TABLE IF EXISTS join_round
