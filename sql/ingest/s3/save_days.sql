-- One record per day prefix listed this run that held objects: what the listing found (replacing the last one).
INSERT OR REPLACE INTO s3_days (source, prefix, day, objects, bytes, newest_modified, listed_at)
SELECT $source, unnest($prefixes), CAST(unnest($days) AS DATE), unnest($objects), unnest($bytes), unnest($newest), $now
