-- The 128-bit number of each address of the addresses query (a column ip), as (ip, ip_number): IPv6 in any
-- written form (compressed, with an embedded IPv4, with a zone, which is dropped), IPv4 dotted quads as their
-- IPv4-mapped IPv6 address (::ffff:a.b.c.d), so that one ordering holds both. ip_number is NULL for anything else.
-- Each stage computes one thing once (a macro would repeat its argument in every use).
SELECT ip,
       CASE WHEN NOT v6 THEN 281470681743360::UHUGEINT + v4_number
            WHEN g.g1 <> '' THEN
                (('0x' || g.g1)::USMALLINT::UBIGINT * 281474976710656 + ('0x' || g.g2)::USMALLINT::UBIGINT * 4294967296
                 + ('0x' || g.g3)::USMALLINT::UBIGINT * 65536 + ('0x' || g.g4)::USMALLINT::UBIGINT)::UHUGEINT * 18446744073709551616::UHUGEINT
                + (('0x' || g.g5)::USMALLINT::UBIGINT * 281474976710656 + ('0x' || g.g6)::USMALLINT::UBIGINT * 4294967296
                 + ('0x' || g.g7)::USMALLINT::UBIGINT * 65536 + ('0x' || g.g8)::USMALLINT::UBIGINT) END AS ip_number
FROM (
    SELECT ip, v6, v4_number,
           regexp_extract(CASE WHEN NOT contains(h, '::') THEN h
                               WHEN len(h) - len(replace(h, '::', '')) = 2 AND NOT contains(h, ':::')
                                AND 8 - (len(h) - len(replace(h, ':', ''))) >= CASE WHEN padded THEN 0 ELSE 1 END
                               THEN replace(h, '::', ':' || repeat('0:', 8 - (len(h) - len(replace(h, ':', ''))))) END,
                          '^([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4}):([0-9A-Fa-f]{1,4})$',
                          ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8']) AS g
    FROM (
        SELECT ip, v6, v4_number,
               starts_with(hex, '::') OR ends_with(hex, '::') AS padded,
               CASE WHEN starts_with(hex, '::') THEN '0' ELSE '' END || hex || CASE WHEN ends_with(hex, '::') THEN '0' ELSE '' END AS h
        FROM (
            SELECT ip, v6, v4_number,
                   CASE WHEN NOT v6 THEN NULL
                        WHEN v4 IS NULL THEN a
                        WHEN v4_number IS NOT NULL
                        THEN a[1:len(a) - len(v4)] || printf('%x:%x', v4_number // 65536, v4_number % 65536) END AS hex
            FROM (
                SELECT ip, a, v6, v4,
                       CASE WHEN regexp_full_match(v4, '[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}')
                            THEN TRY_CAST(split_part(v4, '.', 1) AS UTINYINT)::UBIGINT * 16777216
                                 + TRY_CAST(split_part(v4, '.', 2) AS UTINYINT)::UBIGINT * 65536
                                 + TRY_CAST(split_part(v4, '.', 3) AS UTINYINT)::UBIGINT * 256
                                 + TRY_CAST(split_part(v4, '.', 4) AS UTINYINT)::UBIGINT END AS v4_number
                FROM (
                    SELECT ip, a, contains(a, ':') AS v6,
                           CASE WHEN NOT contains(a, ':') THEN a WHEN contains(a, '.') THEN regexp_extract(a, '[^:]*$') END AS v4
                    FROM (SELECT ip, split_part(ip, '%', 1) AS a FROM ({{addresses}}))
                )
            )
        )
    )
)
