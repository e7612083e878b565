-- The newest invocation ingest batch, read once per detect run.
SELECT max(ingest_batch) FROM bedrock_invocations
