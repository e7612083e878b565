-- Schema version 16: content signals of the volumetric (threshold) rules' alerts (docs/invocation-logs.md, "Content
-- signals"), computed by detect from bedrock_invocations.
--   alert_content_signals  one row per alert of a threshold rule: the signals of the successful invocations of the
--                          alert's principal(s), account and model within its span [window_start, suppression_end),
--                          the same over the 14 days before (the baseline), and the verdict "templated or repetitive
--                          probing pattern". NULL is unknown (no invocation records, too few, or a body the parser
--                          did not know), never zero. Kept for the alerts that exist (a retracted alert loses its row).
--   content_signal_state   per threshold rule, the last invocation ingest batch its signals take in: invocations of a
--                          later batch recompute the signals of the alerts whose span or baseline they fall in.
CREATE TABLE IF NOT EXISTS alert_content_signals (
    alert_id                         VARCHAR PRIMARY KEY,
    rule_id                          VARCHAR NOT NULL,
    principal_arns                   VARCHAR[] NOT NULL,  -- the alert's user_arn, or a credential-distributed alert's user_arns
    account_id                       VARCHAR,
    model_id                         VARCHAR,
    span_start                       TIMESTAMPTZ NOT NULL, -- the alert's window_start
    span_end                         TIMESTAMPTZ NOT NULL, -- its suppression_end (exclusive)
    baseline_start                   TIMESTAMPTZ NOT NULL, -- span_start - 14 days; the baseline ends at span_start
    invocations                      BIGINT NOT NULL,      -- successful invocation records in the span
    prompts_hashed                   BIGINT NOT NULL,      -- of which with a hashed last user turn
    distinct_prompt_ratio            DOUBLE,
    max_prompt_repeats               BIGINT,
    top_template_share               DOUBLE,
    near_duplicate_ratio             DOUBLE,
    resampled_prompts                BIGINT,
    resampled_share                  DOUBLE,
    output_tokens_median             DOUBLE,
    output_tokens_iqr                DOUBLE,
    short_prompt_share               DOUBLE,
    temperature_zero_share           DOUBLE,
    small_max_tokens_share           DOUBLE,
    probing_criteria                 VARCHAR[],            -- resampled, repetitive, templated: the bounds the span crosses
    baseline_invocations             BIGINT NOT NULL,
    baseline_prompts_hashed          BIGINT NOT NULL,
    baseline_distinct_prompt_ratio   DOUBLE,
    baseline_max_prompt_repeats      BIGINT,
    baseline_top_template_share      DOUBLE,
    baseline_near_duplicate_ratio    DOUBLE,
    baseline_resampled_prompts       BIGINT,
    baseline_resampled_share         DOUBLE,
    baseline_output_tokens_median    DOUBLE,
    baseline_output_tokens_iqr       DOUBLE,
    baseline_short_prompt_share      DOUBLE,
    baseline_temperature_zero_share  DOUBLE,
    baseline_small_max_tokens_share  DOUBLE,
    baseline_criteria                VARCHAR[],            -- the bounds the baseline crosses (NULL: too little history)
    probing_pattern                  BOOLEAN,              -- the verdict; NULL unknown (fewer than 20 hashed prompts)
    detect_run_id                    BIGINT NOT NULL,      -- the run that computed this row
    computed_at                      TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS content_signal_state (
    rule_id                VARCHAR PRIMARY KEY,
    last_invocation_batch  BIGINT NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);
