-- Candidates of the windows evaluated since the copy, replaced (a run replaces the candidates of the windows it
-- evaluates, and records the first and last of them); the runs appended.
DELETE FROM published.detection_candidates
WHERE window_end >= (SELECT min(first_window_end) FROM detect_runs WHERE run_id > $watermark);
INSERT INTO published.detection_candidates
SELECT * FROM detection_candidates
WHERE window_end >= (SELECT min(first_window_end) FROM detect_runs WHERE run_id > $watermark);
INSERT INTO published.detect_runs SELECT * FROM detect_runs WHERE run_id > $watermark;
