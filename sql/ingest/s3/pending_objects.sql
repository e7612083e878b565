-- Of the objects listed, those that need reading: new, re-uploaded (another ETag or size), or not loaded last time.
-- A LastModified alone does not count: the same content written again keeps its ETag.
SELECT l.rank
FROM s3_listing l
LEFT JOIN ingested_files i ON i.path = l.path
WHERE i.path IS NULL
   OR i.status <> 'loaded'
   OR i.size_bytes <> l.size_bytes
   OR i.fingerprint IS DISTINCT FROM 'etag:' || l.etag
ORDER BY l.rank
