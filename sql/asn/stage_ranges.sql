-- Ranges written as first and last address (ip-location-db, DB-IP's ASN lite CSV) from the file's rows of
-- asn_stage_text, as numbers (asn/ip_numbers.sql), each row with the first problem that makes it unusable, if any.
CREATE OR REPLACE TEMP TABLE asn_stage_numbers AS
{{ip_numbers}};

INSERT INTO asn_stage
SELECT t.file_index, t.line, s.ip_number, e.ip_number, t.asn, nullif(trim(t.as_org), ''),
       CASE WHEN s.ip_number IS NULL THEN 'the range start ' || coalesce('"' || t.start_text || '"', '(empty)') || ' is not an IP address'
            WHEN e.ip_number IS NULL THEN 'the range end ' || coalesce('"' || t.end_text || '"', '(empty)') || ' is not an IP address'
            WHEN contains(t.start_text, ':') <> contains(t.end_text, ':')
            THEN 'the range ' || t.start_text || ' to ' || t.end_text || ' mixes IPv4 and IPv6'
            WHEN e.ip_number < s.ip_number THEN 'the range ' || t.start_text || ' to ' || t.end_text || ' ends before it starts'
            WHEN t.asn IS NULL THEN 'the AS number ' || coalesce('"' || t.asn_text || '"', '(empty)') || ' is not a number from 0 to 4294967295'
       END
FROM (SELECT *, {{asn_number}} AS asn FROM asn_stage_text WHERE file_index = $file_index) t
LEFT JOIN asn_stage_numbers s ON s.ip = t.start_text
LEFT JOIN asn_stage_numbers e ON e.ip = t.end_text;

DROP TABLE asn_stage_numbers;
