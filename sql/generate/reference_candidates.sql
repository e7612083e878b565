-- The windows that fire, per rule (reference_windows.sql holds the counts), as candidates for suppression: one row per
-- (rule, window, group) with the group's keys (NULL where the rule has no such key) and its calls.

-- The baseline-break rule's baseline per (arn, account, model) and hour a window starts in, for the windows at or
-- over its floor: the nearest-rank 95th percentile of the group's calls in each of the baseline_days * 24 hour-aligned
-- hours before that hour (an hour without calls counts as 0), i.e. the ceil(0.95 * n)-th smallest of the n hours.
-- The n - len(busy) empty hours are the smallest, so it is 0 when that rank falls among them, and otherwise the
-- (rank - empty hours)-th smallest of the busy hours.
CREATE OR REPLACE TEMP TABLE gen_baselines AS
WITH starts AS (
    SELECT DISTINCT w.arn, w.account_id, w.model_id,
           time_bucket(INTERVAL 1 HOUR, w.window_end - to_minutes(r.window_minutes), TIMESTAMP '1970-01-01') AS start_hour,
           r.settings['baseline_days'] * 24 AS n
    FROM gen_windows w
    JOIN gen_rules r USING (rule_key)
    WHERE w.rule_key = 'baseline_break' AND w.calls >= r.threshold
), history AS (
    SELECT s.arn, s.account_id, s.model_id, s.start_hour, s.n,
           coalesce(list(h.calls ORDER BY h.calls) FILTER (WHERE h.calls IS NOT NULL), []) AS busy
    FROM starts s
    LEFT JOIN gen_hours h
      ON h.arn = s.arn AND h.account_id = s.account_id AND h.model_id = s.model_id
     AND h.hour >= s.start_hour - to_hours(s.n) AND h.hour < s.start_hour
    GROUP BY ALL
), ranked AS (
    SELECT *, (95 * n + 99) // 100 AS p95_rank, n - len(busy) AS empty_hours FROM history
)
SELECT arn, account_id, model_id, start_hour,
       CASE WHEN p95_rank <= empty_hours THEN 0 ELSE busy[p95_rank - empty_hours] END::BIGINT AS baseline
FROM ranked;

CREATE OR REPLACE TEMP TABLE gen_candidates AS
-- seed: a principal's calls on a model reach the threshold
SELECT 'seed' AS rule_key, w.window_end, w.arn AS user_arn, w.account_id, w.model_id, NULL::VARCHAR AS source_ip,
       NULL::VARCHAR[] AS user_arns, w.calls::BIGINT AS calls, NULL::VARCHAR AS access_key_id
FROM gen_windows w
JOIN gen_rules r USING (rule_key)
WHERE w.rule_key = 'seed' AND w.calls >= r.threshold
UNION ALL
-- credential-distributed: the calls on a model from one source IP reach the threshold, from at least min_principals
-- principals, none of which reaches principal_cap
SELECT 'credential_distributed', w.window_end, NULL, w.account_id, w.model_id, w.source_ip, w.user_arns, w.calls, NULL
FROM gen_source_windows w
JOIN gen_rules r ON r.rule_key = 'credential_distributed'
WHERE w.calls >= r.threshold
  AND w.principals >= r.settings['min_principals']
  AND w.max_principal_calls < r.settings['principal_cap']
UNION ALL
-- low-and-slow: a principal's calls on a model in a day-long window reach the threshold, in at least min_hours hours,
-- every hour under hour_cap
SELECT 'low_and_slow', w.window_end, w.arn, w.account_id, w.model_id, NULL, NULL, w.calls, NULL
FROM gen_day_windows w
JOIN gen_rules r ON r.rule_key = 'low_and_slow'
WHERE w.calls >= r.threshold
  AND w.active_hours >= r.settings['min_hours']
  AND w.max_hour_calls < r.settings['hour_cap']
UNION ALL
-- baseline break: a principal's calls on a model reach max(threshold, factor x its baseline)
SELECT 'baseline_break', w.window_end, w.arn, w.account_id, w.model_id, NULL, NULL, w.calls, NULL
FROM gen_windows w
JOIN gen_rules r USING (rule_key)
JOIN gen_baselines b
  ON b.arn = w.arn AND b.account_id = w.account_id AND b.model_id = w.model_id
 AND b.start_hour = time_bucket(INTERVAL 1 HOUR, w.window_end - to_minutes(r.window_minutes), TIMESTAMP '1970-01-01')
WHERE w.rule_key = 'baseline_break'
  AND w.calls >= greatest(r.threshold, r.settings['factor'] * b.baseline);
