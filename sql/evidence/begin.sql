-- The alerts whose evidence a detect run refreshes (filled by alerts.sql, span by span).
CREATE OR REPLACE TEMP TABLE evidence_alerts (
    alert_id         VARCHAR,
    rule_id          VARCHAR,
    user_arn         VARCHAR,
    account_id       VARCHAR,
    source_ip        VARCHAR,
    access_key_id    VARCHAR,
    model_id         VARCHAR,
    window_start     TIMESTAMPTZ,
    suppression_end  TIMESTAMPTZ,
    range_start      TIMESTAMPTZ,
    range_end        TIMESTAMPTZ
)
