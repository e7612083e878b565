-- What the analyst database takes that is not a table of the job's database, before a publish fills it:
-- per UTC day of ingest, the totals of the files' latest attempts (the rules: rules.sql).
CREATE OR REPLACE TEMP TABLE publish_ingest_days AS
-- The UTC day by integer arithmetic: a time zone conversion per file costs 0.1-0.2 s over a million files.
SELECT DATE '1970-01-01' + CAST(epoch_us(ingested_at) // 86400000000 AS INTEGER) AS day,
       count(*) FILTER (WHERE status = 'loaded') AS files_loaded,
       count(*) FILTER (WHERE status = 'failed') AS files_failed,
       sum(events_read)::BIGINT AS events_read,
       sum(events_new)::BIGINT AS events_new,
       sum(events_skipped)::BIGINT AS events_skipped,
       sum(size_bytes)::BIGINT AS bytes
FROM ingested_files
GROUP BY ALL;
