-- After an ingest that loaded or failed files: the failed files and the per-day totals (sources.sql) written again.
DELETE FROM published.ingested_files;
INSERT INTO published.ingested_files SELECT * FROM ingested_files WHERE status = 'failed' ORDER BY ingested_at, path;
DELETE FROM published.ingest_days;
INSERT INTO published.ingest_days SELECT * FROM publish_ingest_days ORDER BY day;
