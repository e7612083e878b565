-- After an ingest: its runs appended.
INSERT INTO published.ingest_runs
SELECT * FROM ingest_runs WHERE run_id > (SELECT coalesce(max(run_id), 0) FROM published.ingest_runs);
