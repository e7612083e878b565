-- One ingested_files row per file of the batch, with what it held and what was new (ingest_counts, made by
-- count_direct.sql or count_staged.sql).
INSERT OR REPLACE INTO ingested_files
SELECT
    f.path, f.size_bytes, f.modified_at, f.fingerprint, f.format,
    coalesce(c.records, 0),
    coalesce(c.events_new, 0),
    coalesce(c.skipped, 0),
    CASE WHEN f.accepted THEN 'loaded' ELSE 'failed' END,
    CASE WHEN NOT f.accepted THEN 'not CloudTrail: no record has eventVersion, eventID, eventTime, eventSource or eventName' END,
    $batch,
    $now
FROM ingest_files f
LEFT JOIN ingest_counts c ON c.path = f.path
