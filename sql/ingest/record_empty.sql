-- A file with no content at all: loaded, with no events (CloudTrail itself never delivers one).
INSERT OR REPLACE INTO ingested_files
VALUES ($path, $size_bytes, $modified_at, $fingerprint, $format, 0, 0, 0, 'loaded', NULL, NULL, $now)
