-- Suppression at every threshold at once, as detect applies it (detect/suppress.sql), with the threshold as part of
-- the group: per threshold and suppression group (the rule's suppression.group_by, a missing field being its own
-- group), the candidates at or over the threshold that no exception excepts, in window-end order. The first opens an
-- alert; a later one whose window end is before suppression_start + $duration_minutes folds into it; one at or after
-- opens the next: the openings are detect's own (suppression/openings.sql). The group's fields and the openings are
-- filled in below.
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
{{openings}}
SELECT any_value(threshold) AS threshold, group_key, suppression_start,
       arg_min(user_arn, (window_end, -inference_call_count, model_id)) AS user_arn,
       arg_min(account_id, (window_end, -inference_call_count, model_id)) AS account_id,
       arg_min(model_id, (window_end, -inference_call_count, model_id)) AS model_id,
       max(window_end) AS suppression_end,
       count(*) - 1 AS suppressed_count
FROM assigned
GROUP BY group_key, suppression_start;
