-- Ranges written as numbers (ip-location-db's -num files) from the file's rows of asn_stage_text: a file whose
-- numbers all fit 32 bits is IPv4 (numbered as ::ffff:a.b.c.d), any other IPv6.
INSERT INTO asn_stage
SELECT t.file_index, t.line, t.range_start + f.base, t.range_end + f.base, t.asn, nullif(trim(t.as_org), ''),
       CASE WHEN t.range_start IS NULL THEN 'the range start ' || coalesce('"' || t.start_text || '"', '(empty)') || ' is not an address number'
            WHEN t.range_end IS NULL THEN 'the range end ' || coalesce('"' || t.end_text || '"', '(empty)') || ' is not an address number'
            WHEN t.range_end < t.range_start THEN 'the range ' || t.start_text || ' to ' || t.end_text || ' ends before it starts'
            WHEN t.asn IS NULL THEN 'the AS number ' || coalesce('"' || t.asn_text || '"', '(empty)') || ' is not a number from 0 to 4294967295'
       END
FROM (
    SELECT *, TRY_CAST(trim(start_text) AS UHUGEINT) AS range_start, TRY_CAST(trim(end_text) AS UHUGEINT) AS range_end,
           {{asn_number}} AS asn
    FROM asn_stage_text
    WHERE file_index = $file_index
) t
CROSS JOIN (
    SELECT CASE WHEN max(TRY_CAST(trim(end_text) AS UHUGEINT)) <= 4294967295 THEN 281470681743360 ELSE 0 END::UHUGEINT AS base
    FROM asn_stage_text
    WHERE file_index = $file_index
) f;
