-- Every distinct source IP stored (for asn/map_all.sql).
SELECT DISTINCT source_ip AS ip FROM cloudtrail_events WHERE source_ip IS NOT NULL
