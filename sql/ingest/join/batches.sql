-- The ingest batches the join has seen (0: none) and the newest one loaded so far (every batch records its files).
SELECT coalesce((SELECT max(last_batch) FROM invocation_match_state), 0) AS Seen,
       coalesce((SELECT max(ingest_batch) FROM ingested_files), 0) AS Newest
