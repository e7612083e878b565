-- Of the listed files, those that need reading: new, changed, or not loaded last time.
SELECT l.path, l.size_bytes AS SizeBytes, l.modified_at AS ModifiedAt
FROM ingest_listing l
LEFT JOIN ingested_files i ON i.path = l.path
WHERE i.path IS NULL
   OR i.status <> 'loaded'
   OR i.size_bytes <> l.size_bytes
   OR i.modified_at <> l.modified_at
ORDER BY l.rank
