-- The newest ingest batch of either source (one sequence numbers the batches of CloudTrail and of invocation logs):
-- a rule's late windows are those of the batches after the last it saw, up to this one.
SELECT greatest((SELECT max(ingest_batch) FROM cloudtrail_events), (SELECT max(ingest_batch) FROM bedrock_invocations))
