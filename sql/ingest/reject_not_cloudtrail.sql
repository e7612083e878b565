-- A file whose records carry none of CloudTrail's fields is not CloudTrail: it adds no rows.
UPDATE ingest_files f SET accepted = false
WHERE EXISTS (SELECT 1 FROM ingest_stage s WHERE s.source_file = f.read_path)
  AND NOT EXISTS (SELECT 1 FROM ingest_stage s WHERE s.source_file = f.read_path AND s.has_cloudtrail_fields)
