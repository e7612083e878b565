-- The objects of a source whose last attempt did not load: read again on every run, whatever the listing found.
SELECT path AS Path, size_bytes AS SizeBytes, modified_at AS ModifiedAt
FROM ingested_files
WHERE status <> 'loaded' AND starts_with(path, $source)
