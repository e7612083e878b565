-- The event rules' windows that fire (after reference_candidates.sql), from their hits (gen_event_hits), as
-- candidates for suppression (reference_alerts.sql): a hit counts in every window of its rule that covers it (windows
-- of window_minutes ending on every interval_minutes mark since the Unix epoch); a (window, group of the rule's keys)
-- fires at threshold hits or more and, for a rule with min_distinct, when its hits name that many distinct models or
-- that many distinct regions. A rule that groups by access key (the sequence) or by model (denied models) keeps it as
-- a key.
INSERT INTO gen_candidates
WITH windows AS (
    SELECT h.*, r.threshold, r.settings['min_distinct'] AS min_distinct,
           CASE WHEN list_contains(r.group_by, 'access_key_id') THEN h.access_key_id END AS key_id,
           CASE WHEN list_contains(r.group_by, 'model_id') THEN h.model_id END AS model_key,
           unnest(gen_window_ends(h.event_time, r.interval_minutes, r.window_minutes)) AS window_end
    FROM gen_event_hits h
    JOIN gen_rules r USING (rule_key)
)
SELECT rule_key, window_end, arn, account_id, model_key, NULL, NULL, count(*)::BIGINT, key_id
FROM windows
GROUP BY rule_key, window_end, arn, account_id, key_id, model_key, threshold, min_distinct
HAVING count(*) >= threshold
   AND (min_distinct IS NULL
        OR count(DISTINCT model_id) >= min_distinct
        OR count(DISTINCT region) >= min_distinct);
