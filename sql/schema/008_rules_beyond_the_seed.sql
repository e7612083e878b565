-- Schema version 8: rules that group otherwise than per principal, account and model.
--   alerts, retracted_alerts, detection_candidates gain the columns of the newer rules (NULL where a column does
--                     not apply to a rule): source_ip (the source IP a rule groups by), user_arns (the principals of
--                     a credential-distributed alert), max_principal_calls (the busiest of them), active_hours and
--                     max_hour_calls (a low-and-slow alert's hours with calls and its busiest hour),
--                     baseline_calls_per_hour and baseline_ratio (a baseline-break alert's p95 and its multiple).
--                     user_arn may be NULL: a rule that groups by source IP has no single principal.
--   alert_timeline    user_arn may be NULL for the same reason.
--   rule_status       each rule's enabled state (`duckdetect rules disable|enable ID`); a rule without a row is
--                     enabled.
--   rule_hourly_calls the hourly counts a rule keeps from the ingest batches it has seen (appended per detect run,
--                     summed when read), so that a baseline over days is read without scanning days of events.

ALTER TABLE alerts ALTER COLUMN user_arn DROP NOT NULL;
ALTER TABLE retracted_alerts ALTER COLUMN user_arn DROP NOT NULL;
ALTER TABLE detection_candidates ALTER COLUMN user_arn DROP NOT NULL;
ALTER TABLE alert_timeline ALTER COLUMN user_arn DROP NOT NULL;

ALTER TABLE alerts ADD COLUMN IF NOT EXISTS source_ip VARCHAR;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS user_arns VARCHAR[];
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS max_principal_calls BIGINT;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS active_hours BIGINT;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS max_hour_calls BIGINT;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS baseline_calls_per_hour DOUBLE;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS baseline_ratio DOUBLE;

ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS source_ip VARCHAR;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS user_arns VARCHAR[];
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS max_principal_calls BIGINT;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS active_hours BIGINT;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS max_hour_calls BIGINT;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS baseline_calls_per_hour DOUBLE;
ALTER TABLE retracted_alerts ADD COLUMN IF NOT EXISTS baseline_ratio DOUBLE;

ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS source_ip VARCHAR;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS user_arns VARCHAR[];
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS max_principal_calls BIGINT;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS active_hours BIGINT;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS max_hour_calls BIGINT;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS baseline_calls_per_hour DOUBLE;
ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS baseline_ratio DOUBLE;

CREATE TABLE IF NOT EXISTS rule_status (
    rule_id     VARCHAR PRIMARY KEY,
    enabled     BOOLEAN NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE IF NOT EXISTS rule_hourly_calls (
    rule_id       VARCHAR NOT NULL,
    hour_start    TIMESTAMPTZ NOT NULL,
    user_arn      VARCHAR NOT NULL,
    account_id    VARCHAR,
    model_id      VARCHAR NOT NULL,
    calls         BIGINT NOT NULL,
    ingest_batch  BIGINT NOT NULL
);
