-- The next $count run ids of detect_run_seq, in order (one per rule of a detect run).
SELECT nextval('detect_run_seq') AS id FROM range($count) ORDER BY id
