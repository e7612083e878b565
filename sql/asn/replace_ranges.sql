-- The staged ranges of every file (asn_stage) become the AS data in use (asn_ranges, asn_lookup), replacing the
-- previous. Ranges repeated exactly count once. Where ranges overlap (a data error, or a more specific range inside
-- a wider one), each address takes the range that starts last (then the shortest, then the lowest AS number): the
-- overlapping ranges are cut into the pieces between their starts and ends, each piece taking that range's AS.
CREATE OR REPLACE TEMP TABLE asn_sorted AS
SELECT *, sum(CASE WHEN prev_max_end IS NULL OR range_start > prev_max_end THEN 1 ELSE 0 END)
              OVER (ORDER BY range_start, range_end ROWS UNBOUNDED PRECEDING) AS cluster
FROM (
    SELECT *, max(range_end) OVER (ORDER BY range_start, range_end ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max_end
    FROM (SELECT DISTINCT range_start, range_end, asn, as_org FROM asn_stage)
);

-- Groups of ranges that overlap one another (most data has none).
CREATE OR REPLACE TEMP TABLE asn_overlaps AS
SELECT cluster, max(range_end) AS cluster_end, count(*) AS ranges
FROM asn_sorted
GROUP BY cluster
HAVING count(*) > 1;

DELETE FROM asn_ranges;

INSERT INTO asn_ranges
WITH overlapping AS (
    SELECT * FROM asn_sorted WHERE cluster IN (SELECT cluster FROM asn_overlaps)
),
points AS (
    SELECT DISTINCT cluster, point FROM (
        SELECT cluster, range_start AS point FROM overlapping
        UNION ALL
        SELECT cluster, range_end + 1 FROM overlapping WHERE range_end < 340282366920938463463374607431768211455::UHUGEINT
    )
),
pieces AS (
    SELECT p.cluster, p.point AS piece_start,
           coalesce(lead(p.point) OVER (PARTITION BY p.cluster ORDER BY p.point) - 1, o.cluster_end) AS piece_end
    FROM points p JOIN asn_overlaps o USING (cluster)
),
picked AS (
    SELECT p.piece_start, p.piece_end, r.asn, r.as_org,
           row_number() OVER (PARTITION BY p.cluster, p.piece_start
                              ORDER BY r.range_start DESC, r.range_end, r.asn, r.as_org NULLS LAST) AS rank
    FROM pieces p
    JOIN overlapping r ON r.cluster = p.cluster AND r.range_start <= p.piece_start AND r.range_end >= p.piece_start
    WHERE p.piece_start <= p.piece_end
)
SELECT range_start, range_end, asn, as_org FROM asn_sorted WHERE cluster NOT IN (SELECT cluster FROM asn_overlaps)
UNION ALL
SELECT piece_start, piece_end, asn, as_org FROM picked WHERE rank = 1
ORDER BY range_start;

-- The lookup: each range under every bucket it reaches (IPv4 per /16, IPv6 per /24: asn/bucket.sql), one piece per
-- address family; a range reaching more than 256 buckets (wider than an IPv4 /8 or an IPv6 /16) is listed once
-- under bucket -1, which every lookup also reads
DELETE FROM asn_lookup;

INSERT INTO asn_lookup
WITH families AS (
    SELECT * FROM (VALUES
        (0::UHUGEINT, 281470681743359::UHUGEINT),
        (281470681743360::UHUGEINT, 281474976710655::UHUGEINT),
        (281474976710656::UHUGEINT, 340282366920938463463374607431768211455::UHUGEINT)) f(family_start, family_end)
),
spans AS (
    SELECT r.*, {{first_bucket}} AS first_bucket, {{last_bucket}} AS last_bucket
    FROM asn_ranges r JOIN families f ON r.range_start <= f.family_end AND r.range_end >= f.family_start
)
SELECT unnest(generate_series(first_bucket, last_bucket)) AS bucket, range_start, range_end, asn, as_org
FROM spans WHERE last_bucket - first_bucket < 256
UNION ALL
SELECT DISTINCT -1, range_start, range_end, asn, as_org
FROM spans WHERE last_bucket - first_bucket >= 256
ORDER BY bucket, range_start;

DROP TABLE asn_sorted;
