SELECT count(DISTINCT ingest_batch) FROM ingested_files f WHERE f.ingest_batch > s.last_ingest_batch AND f.events_new > 0
