-- Where the records of --retry-bodies came from: local copies of their bodies are looked for beside them.
SELECT DISTINCT source_file FROM ingest_retry_raw ORDER BY source_file
