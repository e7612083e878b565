-- An AS number written in a CSV field (asn_text), optionally as AS13335: NULL unless it is a whole number from 0
-- to 4294967295 (a fragment).
CASE WHEN TRY_CAST(regexp_replace(trim(asn_text), '^[Aa][Ss]', '') AS UBIGINT) <= 4294967295
     THEN TRY_CAST(regexp_replace(trim(asn_text), '^[Aa][Ss]', '') AS UBIGINT)::BIGINT END
