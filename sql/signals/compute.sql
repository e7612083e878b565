-- The content signals of the targets (signals/targets.sql), set-based over their invocations: per alert, the
-- successful invocations of its principal(s), account and model in its span ('alert') and in the 14 days before the
-- span ('baseline'), each part measured the same way. docs/invocation-logs.md ("Content signals") defines every
-- signal and bound. $range_start and $range_end bound the invocation time read (signals/range.sql).
CREATE OR REPLACE TEMP TABLE signal_calls AS
SELECT t.alert_id,
       CASE WHEN i.invocation_time >= t.span_start THEN 'alert' ELSE 'baseline' END AS part,
       i.prompt_hash, i.template_hash, i.prompt_minhash, i.output_hash, i.output_tokens, i.prompt_chars,
       i.temperature, i.max_tokens, i.input_format
FROM signal_targets t
JOIN bedrock_invocations i
  ON i.principal_arn = t.principal_arn AND i.account_id = t.account_id AND i.model_id = t.model_id
 AND i.invocation_time >= t.span_start - INTERVAL 14 DAY AND i.invocation_time < t.span_end
WHERE i.error_code IS NULL
  AND i.invocation_time >= $range_start AND i.invocation_time < $range_end;

CREATE OR REPLACE TEMP TABLE signal_parts AS
WITH
-- Per distinct prompt: how often it was sent and how many different responses it got.
prompts AS (
    SELECT alert_id, part, prompt_hash, count(*) AS sent, count(DISTINCT output_hash) AS outputs
    FROM signal_calls
    WHERE prompt_hash IS NOT NULL
    GROUP BY ALL
),
prompt_stats AS (
    SELECT alert_id, part, max(sent) AS max_prompt_repeats,
           count(*) FILTER (WHERE sent >= 3 AND outputs >= 2) AS resampled_prompts,
           coalesce(sum(sent) FILTER (WHERE sent >= 3 AND outputs >= 2), 0) / sum(sent) AS resampled_share
    FROM prompts
    GROUP BY ALL
),
template_stats AS (
    SELECT alert_id, part, max(sent) / sum(sent) AS top_template_share
    FROM (SELECT alert_id, part, template_hash, count(*) AS sent FROM signal_calls WHERE template_hash IS NOT NULL GROUP BY ALL)
    GROUP BY ALL
),
-- Near duplicates among the distinct prompts, by locality-sensitive hashing of their MinHash signatures: 8 bands of
-- 4 values; prompts sharing a band's values are candidates, each checked against the first prompt of the bucket (the
-- first against the last), and a near duplicate when 26 or more of the 32 values agree (estimated Jaccard >= 0.81).
distinct_prompts AS (
    SELECT alert_id, part, prompt_hash, any_value(prompt_minhash) AS minhash
    FROM signal_calls
    WHERE prompt_hash IS NOT NULL AND len(prompt_minhash) = 32
    GROUP BY ALL
),
bands AS (
    SELECT alert_id, part, prompt_hash, minhash, b.band, minhash[b.band * 4 + 1:b.band * 4 + 4] AS band_values
    FROM distinct_prompts, range(8) AS b(band)
),
buckets AS (
    SELECT alert_id, part, band, band_values,
           min(prompt_hash) AS first_hash, arg_min(minhash, prompt_hash) AS first_minhash,
           arg_max(minhash, prompt_hash) AS last_minhash
    FROM bands
    GROUP BY ALL
    HAVING count(*) > 1
),
near AS (
    SELECT DISTINCT m.alert_id, m.part, m.prompt_hash
    FROM bands m
    JOIN buckets k USING (alert_id, part, band, band_values)
    WHERE len(list_filter(list_zip(m.minhash, CASE WHEN m.prompt_hash = k.first_hash THEN k.last_minhash ELSE k.first_minhash END),
                          v -> v[1] = v[2])) >= 26
),
near_stats AS (
    SELECT c.alert_id, c.part, count(n.prompt_hash) / count(*) AS near_duplicate_ratio
    FROM signal_calls c
    LEFT JOIN near n USING (alert_id, part, prompt_hash)
    WHERE c.prompt_hash IS NOT NULL AND len(c.prompt_minhash) = 32
    GROUP BY ALL
),
call_stats AS (
    SELECT alert_id, part, count(*) AS invocations, count(prompt_hash) AS prompts_hashed,
           count(DISTINCT prompt_hash) / nullif(count(prompt_hash), 0) AS distinct_prompt_ratio,
           quantile_cont(output_tokens, 0.5) AS output_tokens_median,
           quantile_cont(output_tokens, 0.75) - quantile_cont(output_tokens, 0.25) AS output_tokens_iqr,
           count(*) FILTER (WHERE prompt_chars < 100) / nullif(count(prompt_chars), 0) AS short_prompt_share,
           count(*) FILTER (WHERE temperature = 0) / nullif(count(input_format), 0) AS temperature_zero_share,
           count(*) FILTER (WHERE max_tokens <= 32) / nullif(count(input_format), 0) AS small_max_tokens_share
    FROM signal_calls
    GROUP BY ALL
),
measured AS (
    SELECT c.*, p.max_prompt_repeats, t.top_template_share, n.near_duplicate_ratio, p.resampled_prompts, p.resampled_share
    FROM call_stats c
    LEFT JOIN prompt_stats p USING (alert_id, part)
    LEFT JOIN template_stats t USING (alert_id, part)
    LEFT JOIN near_stats n USING (alert_id, part)
)
-- The bounds each part crosses; NULL with fewer than 20 hashed prompts (too few to say).
SELECT *,
       CASE WHEN prompts_hashed >= 20 THEN list_filter([
           CASE WHEN resampled_share >= 0.5 THEN 'resampled' END,
           CASE WHEN distinct_prompt_ratio <= 0.5 THEN 'repetitive' END,
           CASE WHEN (top_template_share >= 0.8 OR near_duplicate_ratio >= 0.8)
                     AND (small_max_tokens_share >= 0.5 OR output_tokens_median <= 32) THEN 'templated' END
       ], c -> c IS NOT NULL) END AS criteria
FROM measured;

-- Each target alert's row again (written anew), from its two parts; an alert without invocations has 0 invocations and NULL
-- signals, a part without history 0 baseline invocations.
DELETE FROM alert_content_signals WHERE alert_id IN (SELECT alert_id FROM signal_targets);

INSERT INTO alert_content_signals BY NAME
SELECT t.alert_id, t.rule_id, t.principal_arns, t.account_id, t.model_id, t.span_start, t.span_end,
       t.span_start - INTERVAL 14 DAY AS baseline_start,
       coalesce(a.invocations, 0) AS invocations, coalesce(a.prompts_hashed, 0) AS prompts_hashed,
       a.distinct_prompt_ratio, a.max_prompt_repeats, a.top_template_share, a.near_duplicate_ratio,
       a.resampled_prompts, a.resampled_share, a.output_tokens_median, a.output_tokens_iqr, a.short_prompt_share,
       a.temperature_zero_share, a.small_max_tokens_share, a.criteria AS probing_criteria,
       coalesce(b.invocations, 0) AS baseline_invocations, coalesce(b.prompts_hashed, 0) AS baseline_prompts_hashed,
       b.distinct_prompt_ratio AS baseline_distinct_prompt_ratio, b.max_prompt_repeats AS baseline_max_prompt_repeats,
       b.top_template_share AS baseline_top_template_share, b.near_duplicate_ratio AS baseline_near_duplicate_ratio,
       b.resampled_prompts AS baseline_resampled_prompts, b.resampled_share AS baseline_resampled_share,
       b.output_tokens_median AS baseline_output_tokens_median, b.output_tokens_iqr AS baseline_output_tokens_iqr,
       b.short_prompt_share AS baseline_short_prompt_share, b.temperature_zero_share AS baseline_temperature_zero_share,
       b.small_max_tokens_share AS baseline_small_max_tokens_share, b.criteria AS baseline_criteria,
       -- The verdict: the span crosses a bound that the baseline does not (no history counts as differing).
       CASE WHEN a.criteria IS NULL THEN NULL
            WHEN len(a.criteria) = 0 THEN false
            ELSE b.criteria IS NULL OR len(list_filter(a.criteria, c -> NOT list_contains(b.criteria, c))) > 0
       END AS probing_pattern,
       t.run_id AS detect_run_id, $now AS computed_at
FROM (
    SELECT alert_id, any_value(rule_id) AS rule_id, any_value(run_id) AS run_id, list(principal_arn ORDER BY principal_arn) AS principal_arns,
           any_value(account_id) AS account_id, any_value(model_id) AS model_id,
           any_value(span_start) AS span_start, any_value(span_end) AS span_end
    FROM signal_targets
    GROUP BY alert_id
) t
LEFT JOIN signal_parts a ON a.alert_id = t.alert_id AND a.part = 'alert'
LEFT JOIN signal_parts b ON b.alert_id = t.alert_id AND b.part = 'baseline';
