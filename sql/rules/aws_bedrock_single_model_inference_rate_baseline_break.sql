-- AWS Bedrock Single-Model Inference Rate Baseline Break (1934bd11-f476-48cd-a252-1ccf6ad54042), written in the
-- seed rule's stages (its where and grok unchanged, in the shared tally), with each count compared with the group's own history.
--
-- Contract with the engine: as the seed rule's (aws_bedrock_single_model_inference_probing.sql), with the settings
--           $threshold (the fewest calls that can fire), $factor, $baseline_days, and $rule_id; it also reads
--           rule_hourly_calls (the rule's hourly counts, kept from every ingest batch by its .hourly.sql)
--   output  one row per (window, principal, account, model) that fires, with the columns of detection_candidates
--           it fills (baseline_calls_per_hour, baseline_ratio besides the seed rule's).
-- A window ending at E covers event times [E - window, E); E is a multiple of the interval since the Unix epoch.
-- Its baseline: the hour-aligned hours before the window starts, the last $baseline_days * 24 of them (336 for 14
-- days; the hour the window starts in is not one of them), empty hours counting as 0; the 95th percentile by
-- nearest rank, the ceil(0.95 * n)-th smallest of the n hours, which is the (n - ceil(0.95 * n) + 1)-th largest
-- (the 17th of 336): 0 when fewer hours than that have calls.
WITH
-- from logs-aws.cloudtrail-* | where ... | grok ... | keep ...   (as the seed rule: the tally)
-- | stats Esql.inference_call_count = count(*) by arn, account, model      (per interval bucket, then per window)
buckets AS (
    SELECT bucket_start, user_arn, account_id, model_id, sum(calls) AS calls
    FROM {{tally}}
    GROUP BY ALL
),
-- | where Esql.inference_call_count >= 100       (the floor: only these windows need a baseline)
window_counts AS (
    SELECT b.window_end, b.user_arn, b.account_id, b.model_id, sum(b.calls)::BIGINT AS inference_call_count,
           time_bucket(INTERVAL 1 HOUR, b.window_end - to_minutes($window_minutes), TIMESTAMPTZ '1970-01-01 00:00:00+00') AS start_hour
    FROM (
        SELECT user_arn, account_id, model_id, calls,
               unnest(generate_series(bucket_start + to_minutes($interval_minutes),
                                      bucket_start + to_minutes($window_minutes),
                                      to_minutes($interval_minutes))) AS window_end
        FROM buckets
    ) b
    WHERE b.window_end BETWEEN $first_end AND $last_end
    GROUP BY b.window_end, b.user_arn, b.account_id, b.model_id
    HAVING sum(b.calls) >= $threshold
),
-- | lookup baseline = p95(calls per hour over the baseline days) by arn, account, model
--   once per hour a window starts in (windows starting in the same hour share it), from the rule's hourly counts:
--   at most $baseline_days * 24 summed rows per group over the floor, never days of events
baseline_of AS (
    SELECT DISTINCT user_arn, account_id, model_id, start_hour FROM window_counts
),
history AS (
    SELECT s.user_arn, s.account_id, s.model_id, s.start_hour, h.hour_start, sum(h.calls) AS calls
    FROM baseline_of s
    JOIN rule_hourly_calls h
      ON h.rule_id = $rule_id
     AND h.user_arn = s.user_arn AND h.account_id IS NOT DISTINCT FROM s.account_id AND h.model_id = s.model_id
     AND h.hour_start >= s.start_hour - to_hours(CAST(24 * $baseline_days AS BIGINT))
     AND h.hour_start < s.start_hour
    WHERE h.hour_start >= (SELECT min(start_hour) FROM baseline_of) - to_hours(CAST(24 * $baseline_days AS BIGINT))
      AND h.hour_start < (SELECT max(start_hour) FROM baseline_of)
    GROUP BY ALL
),
baselines AS (
    SELECT s.user_arn, s.account_id, s.model_id, s.start_hour,
           coalesce(list_sort(list(h.calls) FILTER (WHERE h.calls IS NOT NULL), 'DESC')
                        [24 * $baseline_days - CAST(ceil(0.95 * 24 * $baseline_days) AS BIGINT) + 1], 0)::DOUBLE AS baseline
    FROM baseline_of s
    LEFT JOIN history h USING (user_arn, account_id, model_id, start_hour)
    GROUP BY ALL
),
-- | where Esql.inference_call_count >= greatest(100, 10 * baseline)
breaks AS (
    SELECT c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count,
           b.baseline AS baseline_calls_per_hour,
           CASE WHEN b.baseline > 0 THEN round(c.inference_call_count / b.baseline, 2) END AS baseline_ratio
    FROM window_counts c
    JOIN baselines b
      ON b.user_arn = c.user_arn AND b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id
     AND b.start_hour = c.start_hour
    WHERE c.inference_call_count >= greatest($threshold, $factor * b.baseline)
),
-- | stats ... VALUES(event.action), VALUES(source.ip), ...     the analyst context of the groups that fire, united
--   over the window's buckets (as the seed rule)
candidates AS (
    SELECT
        c.window_end - to_minutes($window_minutes) AS window_start,
        c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count, c.baseline_calls_per_hour,
        c.baseline_ratio,
        {{context_union}}
    FROM breaks c
    JOIN {{tally}} b
      ON b.user_arn = c.user_arn AND b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id
     AND b.bucket_start >= c.window_end - to_minutes($window_minutes) AND b.bucket_start < c.window_end
    GROUP BY c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count, c.baseline_calls_per_hour,
             c.baseline_ratio
)
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT window_start, window_end, user_arn, account_id, model_id, inference_call_count, baseline_calls_per_hour,
       baseline_ratio, event_actions, source_ips, user_agents, identity_types, access_key_ids, regions,
       source_as_orgs, source_asns, first_seen, last_seen
FROM candidates
ORDER BY window_end, inference_call_count DESC, model_id
