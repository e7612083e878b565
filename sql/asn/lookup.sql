-- The AS of each address of the addresses query (a column ip, each address once), as (source_ip, source_asn,
-- source_as_org): both NULL where no range of asn_lookup holds it (or it is not an address). An equality join on the
-- address's bucket, plus the few ranges wider than a bucket (bucket -1); ranges do not overlap, so at most one holds
-- an address.
WITH addresses AS (
    SELECT ip, ip_number, {{bucket}} AS bucket FROM ({{ip_numbers}})
),
found AS (
    SELECT a.ip, r.asn, r.as_org
    FROM addresses a JOIN asn_lookup r ON r.bucket = a.bucket AND a.ip_number BETWEEN r.range_start AND r.range_end
    UNION ALL
    SELECT a.ip, r.asn, r.as_org
    FROM addresses a JOIN (SELECT * FROM asn_lookup WHERE bucket = -1) r ON a.ip_number BETWEEN r.range_start AND r.range_end
)
SELECT a.ip AS source_ip, f.asn AS source_asn, f.as_org AS source_as_org
FROM addresses a LEFT JOIN found f USING (ip)
