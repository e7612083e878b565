-- How many events the day has, where. Background Bedrock calls per pair and 10-minute bucket are capped at 80,
-- so no background pair ever has more than 480 calls in a 60-minute window; the planted cases are on day 0;
-- everyday API calls fill the rest, spread over the (account, region, 5-minute) delivery files by weight.

CREATE OR REPLACE TEMP TABLE gen_bedrock_counts AS
WITH expected AS (
    SELECT pr.pair_no, b.bucket,
           g.events_per_day * g.bedrock_share / 144.0
               * (h.weight / (SELECT avg(weight) FROM gen_hours))
               * (pr.rate_weight / (SELECT sum(rate_weight) FROM gen_pairs))
               * (0.5 + gen_u(hash(g.seed, t.day_no, pr.pair_no, b.bucket, 'rate'))) AS x,
           gen_u(hash(g.seed, t.day_no, pr.pair_no, b.bucket, 'round')) AS u
    FROM gen_pairs pr
    CROSS JOIN (SELECT unnest(range(144)) AS bucket) b
    JOIN gen_hours h ON h.hour = b.bucket // 6
    CROSS JOIN gen_params g
    CROSS JOIN gen_today t
)
SELECT pair_no, bucket::INTEGER AS bucket, least(80, floor(x + u))::INTEGER AS calls
FROM expected
WHERE floor(x + u) > 0;

CREATE OR REPLACE TEMP TABLE gen_day_totals AS
WITH parts AS (
    SELECT
        g.events_per_day,
        (SELECT coalesce(sum(calls), 0) FROM gen_bedrock_counts)::BIGINT AS bedrock_background,
        (SELECT coalesce(sum(s.calls * c.principals), 0) FROM gen_case_streams s JOIN gen_cases c USING (case_name)
         WHERE t.day_no = 0)::BIGINT
        + (SELECT count(*) FROM gen_case_calls WHERE t.day_no = 0)::BIGINT AS planted
    FROM gen_params g CROSS JOIN gen_today t
)
SELECT *, events_per_day - bedrock_background - planted AS everyday FROM parts;

-- Exact split of the everyday calls over the delivery files: cumulative integer weights, so the counts add up.
CREATE OR REPLACE TEMP TABLE gen_file_counts AS
WITH weighted AS (
    SELECT i.interval_no, a.account_no, r.region_no,
           (h.weight * a.weight * r.weight * (85 + hash(g.seed, t.day_no, i.interval_no, a.account_no, r.region_no, 'file') % 31))::BIGINT AS w
    FROM (SELECT unnest(range(288)) AS interval_no) i
    JOIN gen_hours h ON h.hour = i.interval_no // 12
    CROSS JOIN gen_accounts a
    CROSS JOIN gen_regions r
    CROSS JOIN gen_params g
    CROSS JOIN gen_today t
), cumulative AS (
    SELECT *, sum(w) OVER (ORDER BY interval_no, account_no, region_no) AS upto, sum(w) OVER () AS total
    FROM weighted
)
SELECT interval_no::INTEGER AS interval_no, account_no, region_no,
       ((interval_no * 3 + account_no) * 3 + region_no)::INTEGER AS file_no,
       (d.everyday * upto // total - d.everyday * (upto - w) // total)::INTEGER AS calls
FROM cumulative CROSS JOIN gen_day_totals d
WHERE d.everyday > 0;
