-- The ingest batch of a --retry-bodies: the invocations it reads take it, so that detection sees them as late records.
SELECT nextval('ingest_batch_seq')
