-- Sets aside the staged rows that keep their parse: all but the records with bodies delivered separately of the files
-- read again, which separate_raw.sql parses anew with their bodies.
CREATE OR REPLACE TEMP TABLE ingest_invocation_stage_kept AS
SELECT * FROM ingest_invocation_stage
WHERE NOT coalesce(separate_body_read = false AND list_contains({{files}}, source_file), false)
