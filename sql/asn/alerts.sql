-- After the AS data changed: what detection gathered from the events' AS is brought in line with source_ip_as, as a
-- detect run over the same events would now write it. An alert's, retracted alert's or candidate's source_asns and
-- source_as_orgs are the distinct AS numbers and organizations of its source_ips (the tally's groups hold one source
-- IP each, so the lists follow from the IPs); evidence rows take their event's. Changed alerts are updated
-- ($now) and recorded in alert_changes, so that consumers are sent them again.
CREATE OR REPLACE TEMP TABLE asn_alert_lists AS
SELECT l.alert_id,
       coalesce(list_sort(list(DISTINCT m.source_asn) FILTER (WHERE m.source_asn IS NOT NULL)), []) AS source_asns,
       coalesce(list_sort(list(DISTINCT m.source_as_org) FILTER (WHERE m.source_as_org IS NOT NULL)), []) AS source_as_orgs
FROM (SELECT alert_id, unnest(source_ips) AS source_ip FROM alerts) l
LEFT JOIN source_ip_as m USING (source_ip)
GROUP BY l.alert_id;

UPDATE alerts AS a SET
    source_asns = coalesce(l.source_asns, []),
    source_as_orgs = coalesce(l.source_as_orgs, []),
    updated_at = $now
FROM (SELECT a2.alert_id, l2.source_asns, l2.source_as_orgs FROM alerts a2 LEFT JOIN asn_alert_lists l2 USING (alert_id)) l
WHERE a.alert_id = l.alert_id
  AND (a.source_asns, a.source_as_orgs) IS DISTINCT FROM (coalesce(l.source_asns, []), coalesce(l.source_as_orgs, []));

INSERT INTO alert_changes (change_seq, alert_id, rule_id, version, change, changed_at, detect_run_id)
WITH changed AS (
    SELECT alert_id, rule_id FROM alerts WHERE updated_at = $now
),
versions AS (
    SELECT alert_id, count(*) AS versions FROM alert_changes
    WHERE alert_id IN (SELECT alert_id FROM changed)
    GROUP BY alert_id
)
SELECT (SELECT coalesce(max(change_seq), 0) FROM alert_changes) + row_number() OVER (ORDER BY c.alert_id),
       c.alert_id, c.rule_id, coalesce(v.versions, 0) + 1, 'updated', $now, NULL
FROM changed c
LEFT JOIN versions v USING (alert_id);

UPDATE retracted_alerts AS a SET source_asns = l.source_asns, source_as_orgs = l.source_as_orgs
FROM (
    SELECT r.alert_id, r.retracted_at,
           coalesce(list_sort(list(DISTINCT m.source_asn) FILTER (WHERE m.source_asn IS NOT NULL)), []) AS source_asns,
           coalesce(list_sort(list(DISTINCT m.source_as_org) FILTER (WHERE m.source_as_org IS NOT NULL)), []) AS source_as_orgs
    FROM retracted_alerts r
    LEFT JOIN (SELECT alert_id, retracted_at, unnest(source_ips) AS source_ip FROM retracted_alerts) i USING (alert_id, retracted_at)
    LEFT JOIN source_ip_as m ON m.source_ip = i.source_ip
    GROUP BY r.alert_id, r.retracted_at
) l
WHERE a.alert_id = l.alert_id AND a.retracted_at = l.retracted_at
  AND (a.source_asns, a.source_as_orgs) IS DISTINCT FROM (l.source_asns, l.source_as_orgs);

UPDATE detection_candidates AS c SET source_asns = l.source_asns, source_as_orgs = l.source_as_orgs
FROM (
    SELECT c2.source_ips,
           coalesce(list_sort(list(DISTINCT m.source_asn) FILTER (WHERE m.source_asn IS NOT NULL)), []) AS source_asns,
           coalesce(list_sort(list(DISTINCT m.source_as_org) FILTER (WHERE m.source_as_org IS NOT NULL)), []) AS source_as_orgs
    FROM (SELECT DISTINCT source_ips FROM detection_candidates) c2
    LEFT JOIN (SELECT DISTINCT source_ips, unnest(source_ips) AS source_ip FROM detection_candidates) i USING (source_ips)
    LEFT JOIN source_ip_as m ON m.source_ip = i.source_ip
    GROUP BY c2.source_ips
) l
WHERE c.source_ips = l.source_ips
  AND (c.source_asns, c.source_as_orgs) IS DISTINCT FROM (l.source_asns, l.source_as_orgs);

UPDATE alert_events AS e SET source_asn = m.source_asn, source_as_org = m.source_as_org
FROM (
    SELECT x.source_ip, s.source_asn, s.source_as_org
    FROM (SELECT DISTINCT source_ip FROM alert_events WHERE source_ip IS NOT NULL) x
    LEFT JOIN source_ip_as s USING (source_ip)
) m
WHERE e.source_ip = m.source_ip
  AND (e.source_asn IS DISTINCT FROM m.source_asn OR e.source_as_org IS DISTINCT FROM m.source_as_org);

-- The analyst database is written whole at the next publish: an update copies only what detect runs added.
DELETE FROM published_files;

DROP TABLE asn_alert_lists;
