-- The networks of a MaxMind DB (asn_stage_networks, appended by the program as the first and last address in two
-- 64-bit halves each) as ranges.
INSERT INTO asn_stage
SELECT file_index, line, start_hi::UHUGEINT * 18446744073709551616::UHUGEINT + start_lo,
       end_hi::UHUGEINT * 18446744073709551616::UHUGEINT + end_lo, asn, nullif(trim(as_org), ''), NULL
FROM asn_stage_networks
WHERE file_index = $file_index;
