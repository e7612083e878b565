-- Networks written in CIDR notation (MaxMind's GeoLite2-ASN CSV: network, autonomous_system_number,
-- autonomous_system_organization) from the file's rows of asn_stage_text (the network in start_text), as ranges.
CREATE OR REPLACE TEMP TABLE asn_stage_numbers AS
{{ip_numbers}};

INSERT INTO asn_stage
SELECT n.file_index, n.line, n.ip_number, n.ip_number + n.size - 1, n.asn, nullif(trim(n.as_org), ''),
       CASE WHEN n.ip_number IS NULL OR n.prefix IS NULL OR n.prefix < 0 OR n.prefix > n.bits
            THEN 'the network ' || coalesce('"' || n.start_text || '"', '(empty)') || ' is not an address/prefix'
            WHEN n.size > 0 AND (n.ip_number - n.family_base) % n.size <> 0
            THEN 'the network ' || n.start_text || ' has bits set after its prefix'
            WHEN n.asn IS NULL THEN 'the AS number ' || coalesce('"' || n.asn_text || '"', '(empty)') || ' is not a number from 0 to 4294967295'
       END
FROM (
    SELECT t.*, s.ip_number, p.prefix, p.bits, p.family_base,
           -- the addresses the prefix covers (2^128 does not fit: ::/0 is one address short, and never an AS's)
           CASE WHEN p.prefix IS NULL OR p.prefix < 0 OR p.prefix > p.bits THEN NULL
                WHEN p.bits - p.prefix = 128 THEN 340282366920938463463374607431768211455::UHUGEINT
                ELSE 1::UHUGEINT << (p.bits - p.prefix)::UHUGEINT END AS size
    FROM (SELECT *, {{asn_number}} AS asn FROM asn_stage_text WHERE file_index = $file_index) t
    CROSS JOIN LATERAL (
        SELECT TRY_CAST(split_part(t.start_text, '/', 2) AS INTEGER) AS prefix,
               CASE WHEN contains(t.start_text, ':') THEN 128 ELSE 32 END AS bits,
               CASE WHEN contains(t.start_text, ':') THEN 0 ELSE 281470681743360 END::UHUGEINT AS family_base
    ) p
    LEFT JOIN asn_stage_numbers s ON s.ip = split_part(t.start_text, '/', 1)
) n;

DROP TABLE asn_stage_numbers;
