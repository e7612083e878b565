-- `asn status` as one JSON object: the AS data in use (the newest load and its files), how many stored source IPs,
-- events and alerts have an AS. loaded is NULL when no AS data was ever loaded (or it was cleared).
WITH last AS (SELECT * FROM asn_loads ORDER BY load_id DESC LIMIT 1),
events AS (
    SELECT count(*) AS stored, count(e.source_ip) AS with_source_ip, count(m.source_asn) AS with_as
    FROM cloudtrail_events e LEFT JOIN source_ip_as m ON m.source_ip = e.source_ip
)
SELECT to_json({
    loaded: (SELECT CASE WHEN action = 'load' THEN {
                 loaded_at: strftime(loaded_at, '%Y-%m-%dT%H:%M:%SZ'), took_ms: duration_ms,
                 ranges: (SELECT count(*) FROM asn_ranges),
                 ipv4_ranges: (SELECT count(*) FROM asn_ranges WHERE range_start BETWEEN 281470681743360::UHUGEINT AND 281474976710655::UHUGEINT),
                 ipv6_ranges: (SELECT count(*) FROM asn_ranges WHERE range_start NOT BETWEEN 281470681743360::UHUGEINT AND 281474976710655::UHUGEINT),
                 autonomous_systems: (SELECT count(DISTINCT asn) FROM asn_ranges),
                 overlapping_ranges: overlapping_ranges} END
             FROM last),
    files: (SELECT list({path: path, format: format, compression: compression, description: description,
                         built_at: strftime(built_at, '%Y-%m-%dT%H:%M:%SZ'), bytes: bytes,
                         modified_at: strftime(modified_at, '%Y-%m-%dT%H:%M:%SZ'), sha256: sha256, ranges: ranges} ORDER BY path)
            FROM asn_files WHERE load_id = (SELECT load_id FROM last WHERE action = 'load')),
    cleared_at: (SELECT strftime(loaded_at, '%Y-%m-%dT%H:%M:%SZ') FROM last WHERE action = 'clear'),
    source_ips: {stored: (SELECT count(*) FROM source_ip_as), with_as: (SELECT count(source_asn) FROM source_ip_as)},
    events: {stored: (SELECT stored FROM events), with_source_ip: (SELECT with_source_ip FROM events),
             with_as: (SELECT with_as FROM events)},
    alerts: {stored: (SELECT count(*) FROM alerts), with_as: (SELECT count(*) FROM alerts WHERE len(source_asns) > 0)},
    loads: (SELECT list({load_id: load_id, action: action, loaded_at: strftime(loaded_at, '%Y-%m-%dT%H:%M:%SZ'),
                         ranges: ranges, alerts_updated: alerts_updated} ORDER BY load_id DESC)
            FROM (SELECT * FROM asn_loads ORDER BY load_id DESC LIMIT 10))
})::VARCHAR
