-- What the analyst database takes that is not a table of the job's database, before a publish fills it:
-- per UTC day of ingest, the totals of the files' latest attempts (the rules: rules.sql).
CREATE OR REPLACE TEMP TABLE publish_ingest_days AS
SELECT CAST(timezone('UTC', ingested_at) AS DATE) AS day,
       count(*) FILTER (WHERE status = 'loaded') AS files_loaded,
       count(*) FILTER (WHERE status = 'failed') AS files_failed,
       sum(events_read)::BIGINT AS events_read,
       sum(events_new)::BIGINT AS events_new,
       sum(events_skipped)::BIGINT AS events_skipped,
       sum(size_bytes)::BIGINT AS bytes
FROM ingested_files
GROUP BY ALL;
