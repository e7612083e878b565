-- The batch's source IPs not yet in source_ip_as (for asn/map_batch.sql), each once.
SELECT DISTINCT source_ip AS ip
FROM cloudtrail_events
WHERE ingest_batch = $batch AND source_ip IS NOT NULL
  AND source_ip NOT IN (SELECT source_ip FROM source_ip_as)
