-- The windows each rule counts, from the tallies of every generated day (state.sql): a reference evaluation written
-- from the rules' definitions (rules.sql, docs/rules.md), sharing nothing with the product's rule SQL. A window
-- ending at E covers [E - window, E), E on every multiple of the rule's interval since the Unix epoch; a bucket of
-- the tally (10 minutes, or an hour) lies in the windows gen_window_ends (macros.sql) lists.

-- The seed and baseline-break rules: successful calls per (arn, account, model), every window of each rule.
CREATE OR REPLACE TEMP TABLE gen_windows AS
SELECT r.rule_key, b.arn, b.account_id, b.model_id,
       o.window_end,
       sum(b.calls)::BIGINT AS calls
FROM gen_window_buckets b
CROSS JOIN gen_rules r
CROSS JOIN LATERAL (SELECT unnest(gen_window_ends(b.bucket, r.interval_minutes, r.window_minutes)) AS window_end) o
WHERE r.rule_key IN ('seed', 'baseline_break')
GROUP BY ALL;

-- The credential-distributed rule: per (account, model, source IP) and window, the calls of all its principals, how
-- many principals, the busiest one's calls, and the calls of background (not planted) principals alone.
CREATE OR REPLACE TEMP TABLE gen_source_windows AS
WITH per_principal AS (
    SELECT b.account_id, b.model_id, b.source_ip, b.arn,
           o.window_end,
           sum(b.calls)::BIGINT AS calls
    FROM gen_source_buckets b
    CROSS JOIN gen_rules r
    CROSS JOIN LATERAL (SELECT unnest(gen_window_ends(b.bucket, r.interval_minutes, r.window_minutes)) AS window_end) o
    WHERE r.rule_key = 'credential_distributed'
    GROUP BY ALL
)
SELECT w.account_id, w.model_id, w.source_ip, w.window_end,
       sum(w.calls)::BIGINT AS calls,
       count(*)::BIGINT AS principals,
       max(w.calls)::BIGINT AS max_principal_calls,
       list(w.arn ORDER BY w.arn) AS user_arns,
       coalesce(sum(w.calls) FILTER (WHERE p.arn IS NULL), 0)::BIGINT AS background_calls
FROM per_principal w
LEFT JOIN gen_principals p ON p.arn = w.arn AND p.account_id = w.account_id AND p.pool = 'planted'
GROUP BY ALL;

-- Successful calls per (arn, account, model) and hour-aligned hour: the low-and-slow rule's hours and the
-- baseline-break rule's history.
CREATE OR REPLACE TEMP TABLE gen_hours AS
SELECT arn, account_id, model_id, time_bucket(INTERVAL 1 HOUR, bucket, TIMESTAMP '1970-01-01') AS hour, sum(calls)::BIGINT AS calls
FROM gen_window_buckets
GROUP BY ALL;

-- The low-and-slow rule: per (arn, account, model) and day-long window (ending on whole hours), the calls, the hours
-- with calls and the busiest hour's calls.
CREATE OR REPLACE TEMP TABLE gen_day_windows AS
SELECT h.arn, h.account_id, h.model_id,
       o.window_end,
       sum(h.calls)::BIGINT AS calls,
       count(*)::BIGINT AS active_hours,
       max(h.calls)::BIGINT AS max_hour_calls
FROM gen_hours h
CROSS JOIN gen_rules r
CROSS JOIN LATERAL (SELECT unnest(gen_window_ends(h.hour, r.interval_minutes, r.window_minutes)) AS window_end) o
WHERE r.rule_key = 'low_and_slow'
GROUP BY ALL;
