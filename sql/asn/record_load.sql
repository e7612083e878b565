-- One row of asn_loads for a load or clear ($action), counted from the tables as they now are.
INSERT INTO asn_loads
SELECT $load_id, $action,
       (SELECT count(*) FROM asn_ranges),
       (SELECT count(*) FROM asn_ranges WHERE range_start BETWEEN 281470681743360::UHUGEINT AND 281474976710655::UHUGEINT),
       (SELECT count(*) FROM asn_ranges WHERE range_start NOT BETWEEN 281470681743360::UHUGEINT AND 281474976710655::UHUGEINT),
       $overlapping_ranges,
       (SELECT count(*) FROM source_ip_as),
       (SELECT count(*) FROM source_ip_as WHERE source_asn IS NOT NULL),
       (SELECT count(*) FROM alerts WHERE updated_at = $now),
       $now, $duration_ms
