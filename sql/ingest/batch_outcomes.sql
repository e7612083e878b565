-- What the batch did, per file, for the command's report.
SELECT path, status, events_read AS EventsRead, events_new AS EventsNew, events_skipped AS EventsSkipped, error
FROM ingested_files WHERE ingest_batch = $batch
