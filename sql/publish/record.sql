-- The analyst database as just written, for the next publish to decide whether it can update a copy of it.
INSERT OR REPLACE INTO published_files (path, bytes, modified_ticks, detect_run_id, evidence_days, format_version, published_at)
VALUES ($path, $bytes, $modified_ticks, $detect_run_id, $evidence_days, $format_version, $published_at)
