-- Schema version 1: events, the files they came from, rule state, candidates and alerts.
-- Every statement is idempotent; the migrator records the version in duckdetect_schema.

CREATE TABLE IF NOT EXISTS duckdetect_schema (
    version     INTEGER PRIMARY KEY,
    script      VARCHAR NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE IF NOT EXISTS ingest_batch_seq START 1;
CREATE SEQUENCE IF NOT EXISTS detect_run_seq START 1;

-- One row per CloudTrail event, unique by event_id, appended in event-time order per batch.
CREATE TABLE IF NOT EXISTS cloudtrail_events (
    event_id                   VARCHAR NOT NULL,
    event_time                 TIMESTAMPTZ NOT NULL,
    event_source               VARCHAR,
    event_name                 VARCHAR,
    event_type                 VARCHAR,
    event_category             VARCHAR,
    event_version              VARCHAR,
    error_code                 VARCHAR,
    error_message              VARCHAR,
    user_type                  VARCHAR,
    user_arn                   VARCHAR,
    user_principal_id          VARCHAR,
    user_name                  VARCHAR,
    user_account_id            VARCHAR,
    access_key_id              VARCHAR,
    invoked_by                 VARCHAR,
    session_issuer_type        VARCHAR,
    session_issuer_arn         VARCHAR,
    session_issuer_user_name   VARCHAR,
    session_mfa_authenticated  BOOLEAN,
    account_id                 VARCHAR,
    recipient_account_id       VARCHAR,
    region                     VARCHAR,
    source_ip_address          VARCHAR,
    source_ip                  VARCHAR,
    user_agent                 VARCHAR,
    request_id                 VARCHAR,
    shared_event_id            VARCHAR,
    vpc_endpoint_id            VARCHAR,
    read_only                  BOOLEAN,
    management_event           BOOLEAN,
    request_parameters         VARCHAR,
    response_elements          VARCHAR,
    additional_event_data      VARCHAR,
    resources                  VARCHAR,
    ingest_batch               BIGINT NOT NULL,
    ingested_at                TIMESTAMPTZ NOT NULL,
    source_file                VARCHAR NOT NULL
);

-- One row per file path: the last attempt to load it.
CREATE TABLE IF NOT EXISTS ingested_files (
    path            VARCHAR PRIMARY KEY,
    size_bytes      BIGINT NOT NULL,
    modified_at     TIMESTAMPTZ NOT NULL,
    fingerprint     VARCHAR,
    format          VARCHAR,
    events_read     BIGINT NOT NULL DEFAULT 0,
    events_new      BIGINT NOT NULL DEFAULT 0,
    events_skipped  BIGINT NOT NULL DEFAULT 0,
    status          VARCHAR NOT NULL,
    error           VARCHAR,
    ingest_batch    BIGINT,
    ingested_at     TIMESTAMPTZ NOT NULL
);

-- Per rule: how far detection has evaluated, and which ingest batches it has seen.
CREATE TABLE IF NOT EXISTS rule_state (
    rule_id            VARCHAR PRIMARY KEY,
    evaluated_from     TIMESTAMPTZ NOT NULL,
    checkpoint         TIMESTAMPTZ NOT NULL,
    last_ingest_batch  BIGINT NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);

-- Every (window, principal, account, model) at or over the threshold: the input of suppression.
CREATE TABLE IF NOT EXISTS detection_candidates (
    rule_id               VARCHAR NOT NULL,
    window_start          TIMESTAMPTZ NOT NULL,
    window_end            TIMESTAMPTZ NOT NULL,
    user_arn              VARCHAR NOT NULL,
    account_id            VARCHAR,
    model_id              VARCHAR NOT NULL,
    inference_call_count  BIGINT NOT NULL,
    event_actions         VARCHAR[] NOT NULL,
    source_ips            VARCHAR[] NOT NULL,
    user_agents           VARCHAR[] NOT NULL,
    identity_types        VARCHAR[] NOT NULL,
    access_key_ids        VARCHAR[] NOT NULL,
    regions               VARCHAR[] NOT NULL,
    source_as_orgs        VARCHAR[] NOT NULL,
    first_seen            TIMESTAMPTZ NOT NULL,
    last_seen             TIMESTAMPTZ NOT NULL
);

-- The public alerts table: one row per alert after suppression.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id              VARCHAR PRIMARY KEY,
    rule_id               VARCHAR NOT NULL,
    rule_name             VARCHAR NOT NULL,
    severity              VARCHAR NOT NULL,
    risk_score            INTEGER NOT NULL,
    window_start          TIMESTAMPTZ NOT NULL,
    window_end            TIMESTAMPTZ NOT NULL,
    user_arn              VARCHAR NOT NULL,
    account_id            VARCHAR,
    model_id              VARCHAR NOT NULL,
    inference_call_count  BIGINT NOT NULL,
    event_actions         VARCHAR[] NOT NULL,
    source_ips            VARCHAR[] NOT NULL,
    user_agents           VARCHAR[] NOT NULL,
    identity_types        VARCHAR[] NOT NULL,
    access_key_ids        VARCHAR[] NOT NULL,
    regions               VARCHAR[] NOT NULL,
    source_as_orgs        VARCHAR[] NOT NULL,
    first_seen            TIMESTAMPTZ NOT NULL,
    last_seen             TIMESTAMPTZ NOT NULL,
    suppression_start     TIMESTAMPTZ NOT NULL,
    suppression_end       TIMESTAMPTZ NOT NULL,
    suppressed_count      BIGINT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);

-- Alerts that a later evaluation (late or re-delivered data) took back, with when and why.
CREATE TABLE IF NOT EXISTS retracted_alerts (
    alert_id              VARCHAR NOT NULL,
    rule_id               VARCHAR NOT NULL,
    rule_name             VARCHAR NOT NULL,
    severity              VARCHAR NOT NULL,
    risk_score            INTEGER NOT NULL,
    window_start          TIMESTAMPTZ NOT NULL,
    window_end            TIMESTAMPTZ NOT NULL,
    user_arn              VARCHAR NOT NULL,
    account_id            VARCHAR,
    model_id              VARCHAR NOT NULL,
    inference_call_count  BIGINT NOT NULL,
    event_actions         VARCHAR[] NOT NULL,
    source_ips            VARCHAR[] NOT NULL,
    user_agents           VARCHAR[] NOT NULL,
    identity_types        VARCHAR[] NOT NULL,
    access_key_ids        VARCHAR[] NOT NULL,
    regions               VARCHAR[] NOT NULL,
    source_as_orgs        VARCHAR[] NOT NULL,
    first_seen            TIMESTAMPTZ NOT NULL,
    last_seen             TIMESTAMPTZ NOT NULL,
    suppression_start     TIMESTAMPTZ NOT NULL,
    suppression_end       TIMESTAMPTZ NOT NULL,
    suppressed_count      BIGINT NOT NULL,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    retracted_at          TIMESTAMPTZ NOT NULL,
    retraction_reason     VARCHAR NOT NULL,
    detect_run_id         BIGINT NOT NULL
);

-- One row per detect run of a rule.
CREATE TABLE IF NOT EXISTS detect_runs (
    run_id              BIGINT PRIMARY KEY,
    rule_id             VARCHAR NOT NULL,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ NOT NULL,
    duration_ms         BIGINT NOT NULL,
    range_from          TIMESTAMPTZ,
    range_to            TIMESTAMPTZ,
    windows_evaluated   BIGINT NOT NULL,
    late_windows        BIGINT NOT NULL,
    candidates          BIGINT NOT NULL,
    alerts_new          BIGINT NOT NULL,
    alerts_updated      BIGINT NOT NULL,
    alerts_retracted    BIGINT NOT NULL,
    settings            VARCHAR NOT NULL
);
