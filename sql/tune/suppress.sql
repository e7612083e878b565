-- Suppression at every threshold at once, as detect applies it (detect/suppress.sql), with the threshold as part of
-- the group: per threshold and suppression group (the rule's suppression.group_by, a missing field being its own
-- group), the candidates at or over the threshold that no exception excepts, in window-end order. The first opens an
-- alert; a later one whose window end is before suppression_start + $duration_minutes folds into it; one at or after
-- opens the next. The group's fields are filled in below.
CREATE OR REPLACE TEMP TABLE tune_alerts AS
WITH RECURSIVE
levels AS (
    SELECT DISTINCT unnest($thresholds) AS threshold
),
region AS MATERIALIZED (
    SELECT l.threshold, c.user_arn, c.account_id, c.model_id, c.window_end, c.inference_call_count,
           to_json([l.threshold::VARCHAR, {{group_by}}])::VARCHAR AS group_key
    FROM tune_candidates c
    JOIN levels l ON c.inference_call_count >= l.threshold
    WHERE c.exception_id IS NULL
),
ends AS (
    SELECT DISTINCT group_key, window_end FROM region
),
-- For each window end of a group, the first window end of the group at or after end + duration.
next AS MATERIALIZED (
    SELECT a.group_key, a.window_end, b.window_end AS next_start
    FROM ends a
    ASOF LEFT JOIN (SELECT group_key, window_end - to_minutes($duration_minutes) AS reach, window_end FROM ends) b
      ON a.group_key = b.group_key AND a.window_end <= b.reach
),
openings (group_key, suppression_start) AS (
    SELECT group_key, min(window_end) FROM next GROUP BY group_key
    UNION ALL
    SELECT n.group_key, n.next_start
    FROM openings o
    JOIN next n ON n.group_key = o.group_key AND n.window_end = o.suppression_start
    WHERE n.next_start IS NOT NULL
),
assigned AS (
    SELECT r.*, o.suppression_start
    FROM region r
    ASOF JOIN openings o ON r.group_key = o.group_key AND r.window_end >= o.suppression_start
)
SELECT any_value(threshold) AS threshold, group_key, suppression_start,
       arg_min(user_arn, (window_end, -inference_call_count, model_id)) AS user_arn,
       arg_min(account_id, (window_end, -inference_call_count, model_id)) AS account_id,
       arg_min(model_id, (window_end, -inference_call_count, model_id)) AS model_id,
       max(window_end) AS suppression_end,
       count(*) - 1 AS suppressed_count
FROM assigned
GROUP BY group_key, suppression_start;
