-- The candidates tune finds (candidates.sql), with detection_candidates' columns, so that a rule's output lacking one
-- (NULL where it does not apply) reads the same in tune as in detect.
CREATE OR REPLACE TEMP TABLE tune_candidates AS SELECT * FROM detection_candidates LIMIT 0
