-- AWS Bedrock Low-and-Slow Single-Model Inference Probing (103f83b8-f5d2-4d42-9fcb-ecb7900e1c56), written in the
-- seed rule's stages (its where and grok unchanged, in the shared tally), counting per hour over a day-long window.
--
-- Contract with the engine: as the seed rule's (aws_bedrock_single_model_inference_probing.sql), with the settings
--           $threshold (calls of the window), $min_hours (distinct hours with calls), $hour_cap (every hour under it)
--   output  one row per (window, principal, account, model) that fires, with the columns of detection_candidates
--           it fills (active_hours, max_hour_calls besides the seed rule's).
-- A window ending at E covers event times [E - window, E); window and interval are whole hours (hour_aligned), so
-- a window is a whole number of hour-aligned buckets: the rule reads the hourly tally (tally_minutes 60).
WITH
-- from logs-aws.cloudtrail-* | where ... | grok ... | keep ...   (as the seed rule: the tally, per hour)
-- | stats calls = count(*) by hour, arn, account, model
hours AS (
    SELECT bucket_start AS hour_start, user_arn, account_id, model_id, sum(calls) AS calls
    FROM {{tally}}
    GROUP BY ALL
),
-- | stats Esql.inference_call_count = sum(calls), active_hours = count(*), busiest = max(calls)
--   by window, arn, account, model                (each hour counts in every window that covers it)
-- | where Esql.inference_call_count >= 2000 and active_hours >= 12 and busiest < 500
window_counts AS (
    SELECT h.window_end, h.user_arn, h.account_id, h.model_id,
           sum(h.calls)::BIGINT AS inference_call_count,
           count(*)::BIGINT AS active_hours,
           max(h.calls)::BIGINT AS max_hour_calls
    FROM (
        SELECT user_arn, account_id, model_id, calls,
               unnest(generate_series(
                   time_bucket(to_minutes($interval_minutes), hour_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') + to_minutes($interval_minutes),
                   hour_start + to_minutes($window_minutes),
                   to_minutes($interval_minutes))) AS window_end
        FROM hours
    ) h
    WHERE h.window_end BETWEEN $first_end AND $last_end
    GROUP BY ALL
    HAVING sum(h.calls) >= $threshold
       AND count(*) >= $min_hours
       AND max(h.calls) < $hour_cap
),
-- | stats ... VALUES(event.action), VALUES(source.ip), ...     the analyst context of the groups that fire, united
--   over the window's hours (as the seed rule)
candidates AS (
    SELECT
        c.window_end - to_minutes($window_minutes) AS window_start,
        c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count, c.active_hours, c.max_hour_calls,
        {{context_union}}
    FROM window_counts c
    JOIN {{tally}} b
      ON b.user_arn = c.user_arn AND b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id
     AND b.bucket_start >= c.window_end - to_minutes($window_minutes) AND b.bucket_start < c.window_end
    GROUP BY c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count, c.active_hours, c.max_hour_calls
)
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT window_start, window_end, user_arn, account_id, model_id, inference_call_count, active_hours, max_hour_calls,
       event_actions, source_ips, user_agents, identity_types, access_key_ids, regions, source_as_orgs, source_asns, first_seen,
       last_seen
FROM candidates
ORDER BY window_end, inference_call_count DESC, model_id
