-- A file that could not be read: recorded as failed, with no rows of its own.
INSERT OR REPLACE INTO ingested_files
VALUES ($path, $size_bytes, $modified_at, $fingerprint, $format, 0, 0, 0, 'failed', $error, NULL, $now)
