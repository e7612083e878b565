-- Puts the rows set aside by separate_keep.sql back beside the records parsed anew with their bodies.
INSERT INTO ingest_invocation_stage BY NAME SELECT * FROM ingest_invocation_stage_kept;
DROP TABLE ingest_invocation_stage_kept;
