-- One ingested_files row per file of the batch, with what it held and what was new.
INSERT OR REPLACE INTO ingested_files
SELECT
    f.path, f.size_bytes, f.modified_at, f.fingerprint, f.format,
    coalesce(c.records, 0),
    coalesce(n.events_new, 0),
    coalesce(c.skipped, 0),
    CASE WHEN f.accepted THEN 'loaded' ELSE 'failed' END,
    CASE WHEN NOT f.accepted THEN 'not CloudTrail: no record has eventVersion, eventID, eventTime, eventSource or eventName' END,
    $batch,
    $now
FROM ingest_files f
LEFT JOIN ingest_counts c ON c.path = f.path
LEFT JOIN (
    SELECT source_file, count(*) AS events_new
    FROM cloudtrail_events WHERE ingest_batch = $batch GROUP BY source_file
) n ON n.source_file = f.path
