-- The alert's content signals (alert_content_signals) for explain, filled into explain/explain.sql: the verdict, what
-- it rests on, and each signal beside the baseline's (NULL: unknown). $rule_severity is the rule's own severity, from
-- which the verdict raised the alert's.
SELECT {verdict: CASE WHEN s.probing_pattern THEN 'templated or repetitive probing pattern'
                      WHEN NOT s.probing_pattern THEN 'no probing pattern' ELSE 'unknown' END,
        probing_pattern: s.probing_pattern,
        probing_criteria: s.probing_criteria, baseline_criteria: s.baseline_criteria,
        rule_severity: $rule_severity, severity_raised: coalesce(s.probing_pattern, false),
        principal_arns: s.principal_arns, model_id: s.model_id,
        span_start: strftime(s.span_start, '%Y-%m-%dT%H:%M:%SZ'), span_end: strftime(s.span_end, '%Y-%m-%dT%H:%M:%SZ'),
        baseline_start: strftime(s.baseline_start, '%Y-%m-%dT%H:%M:%SZ'),
        invocations: s.invocations, prompts_hashed: s.prompts_hashed,
        baseline_invocations: s.baseline_invocations, baseline_prompts_hashed: s.baseline_prompts_hashed,
        signals: [
            {signal: 'distinct_prompt_ratio', alert: s.distinct_prompt_ratio, baseline: s.baseline_distinct_prompt_ratio},
            {signal: 'max_prompt_repeats', alert: s.max_prompt_repeats::DOUBLE, baseline: s.baseline_max_prompt_repeats::DOUBLE},
            {signal: 'top_template_share', alert: s.top_template_share, baseline: s.baseline_top_template_share},
            {signal: 'near_duplicate_ratio', alert: s.near_duplicate_ratio, baseline: s.baseline_near_duplicate_ratio},
            {signal: 'resampled_prompts', alert: s.resampled_prompts::DOUBLE, baseline: s.baseline_resampled_prompts::DOUBLE},
            {signal: 'resampled_share', alert: s.resampled_share, baseline: s.baseline_resampled_share},
            {signal: 'output_tokens_median', alert: s.output_tokens_median, baseline: s.baseline_output_tokens_median},
            {signal: 'output_tokens_iqr', alert: s.output_tokens_iqr, baseline: s.baseline_output_tokens_iqr},
            {signal: 'short_prompt_share', alert: s.short_prompt_share, baseline: s.baseline_short_prompt_share},
            {signal: 'temperature_zero_share', alert: s.temperature_zero_share, baseline: s.baseline_temperature_zero_share},
            {signal: 'small_max_tokens_share', alert: s.small_max_tokens_share, baseline: s.baseline_small_max_tokens_share}]}
FROM alert_content_signals s
WHERE s.alert_id = $alert_id
