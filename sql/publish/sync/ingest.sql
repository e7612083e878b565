-- After an ingest: its runs appended; the failed files and the per-day totals (sources.sql) written again.
INSERT INTO published.ingest_runs
SELECT * FROM ingest_runs WHERE run_id > (SELECT coalesce(max(run_id), 0) FROM published.ingest_runs);
DELETE FROM published.ingested_files;
INSERT INTO published.ingested_files SELECT * FROM ingested_files WHERE status = 'failed' ORDER BY ingested_at, path;
DELETE FROM published.ingest_days;
INSERT INTO published.ingest_days SELECT * FROM publish_ingest_days ORDER BY day;
