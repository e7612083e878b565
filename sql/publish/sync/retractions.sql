-- Retractions of the runs since the copy, appended.
INSERT INTO published.retracted_alerts SELECT * FROM retracted_alerts WHERE detect_run_id > $watermark;
