-- What the published file is a snapshot of: when, from which database, and the bound of its evidence.
INSERT INTO published.publish_info
SELECT $published_at, $source_database, $schema_version, $evidence_days, $evidence_from, count(*), $publish_mode
FROM cloudtrail_events
