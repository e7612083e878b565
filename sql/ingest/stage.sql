-- The exact load keeps the batch's normalized records in a temporary table: they are counted per file, checked
-- for CloudTrail's fields and deduplicated before the new events are appended.
CREATE OR REPLACE TEMP TABLE ingest_stage AS
{{normalized}}
