-- The direct load: one pass from the files into cloudtrail_events, for the usual batch in which every record is a
-- new event. A record without eventID or a valid eventTime stops the statement with {{not_direct}}; an eventID
-- stored before or twice in the batch is found after it (direct_duplicates.sql). Either way the batch is rolled
-- back and loaded again the exact way (stage.sql, insert_events.sql).
-- JSON rows go in as read, not sorted: the batch's files are a stretch of delivery time (DeliveryOrder), which keeps
-- each row group's zone map on event_time about as narrow as the batch; sorting cost ~1 s a million events.
-- The order fragment sorts a batch with Parquet files: there the sort is cheap, and without it DuckDB wrote the threads'
-- partly filled row groups at commit, which cost more than the sort (1 to 2 s a million events).
INSERT INTO cloudtrail_events BY NAME
SELECT
    s.* EXCLUDE (source_file, has_cloudtrail_fields, event_id),
    CASE WHEN s.event_id IS NULL OR s.event_time IS NULL
         THEN error({{not_direct}})
         ELSE s.event_id END AS event_id,
    duckdetect_event_key(s.event_id) AS event_key,
    $batch AS ingest_batch,
    $now AS ingested_at,
    f.path AS source_file
FROM ({{normalized}}) s
JOIN ingest_files f ON f.read_path = s.source_file
{{order}}
