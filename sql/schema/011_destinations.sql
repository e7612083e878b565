-- Schema version 11: destinations, where `run` (and `alerts --destination NAME`) deliver alert changes themselves.
--   destination_configs  every version of every destination's configuration (added, changed, disabled, enabled,
--                        removed), one row each: its type, its settings as JSON (targets and the *names* of the
--                        environment variables or files that hold its secrets, never a secret itself), its filters,
--                        who changed it, when and why. A destination's configuration is its latest row; a latest
--                        row whose action is 'removed' means the destination is gone (its history stays).
--   destination_state    each destination's cursor on alert_changes (the last change_seq it accepted, moved only
--                        after the receiver accepted a batch) and on alert_triage (for receivers that take triage),
--                        and its health: last attempt, last success, last error (secrets removed) and since when
--                        it has been failing.
--   destination_runs     one row per delivery attempt of a destination: the cursor before and after, the records
--                        and requests sent, the retries, the outcome and its error.

CREATE SEQUENCE IF NOT EXISTS destination_config_seq START 1;

CREATE TABLE IF NOT EXISTS destination_configs (
    config_id        BIGINT PRIMARY KEY,
    destination      VARCHAR NOT NULL,
    version          INTEGER NOT NULL,
    action           VARCHAR NOT NULL,
    type             VARCHAR NOT NULL,
    settings         VARCHAR NOT NULL,
    rule_ids         VARCHAR[],
    min_severity     VARCHAR,
    changes          VARCHAR[] NOT NULL,
    enabled          BOOLEAN NOT NULL,
    timeout_seconds  DOUBLE NOT NULL,
    retry_seconds    DOUBLE NOT NULL,
    changed_by       VARCHAR NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    reason           VARCHAR
);

CREATE TABLE IF NOT EXISTS destination_state (
    destination        VARCHAR PRIMARY KEY,
    cursor             BIGINT NOT NULL,
    triage_cursor      BIGINT NOT NULL,
    records_delivered  BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    last_attempt_at    TIMESTAMPTZ,
    last_success_at    TIMESTAMPTZ,
    last_error         VARCHAR,
    last_error_at      TIMESTAMPTZ,
    failing_since      TIMESTAMPTZ
);

CREATE SEQUENCE IF NOT EXISTS destination_run_seq START 1;

CREATE TABLE IF NOT EXISTS destination_runs (
    run_id          BIGINT PRIMARY KEY,
    destination     VARCHAR NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    duration_ms     BIGINT NOT NULL,
    cursor_from     BIGINT NOT NULL,
    cursor_to       BIGINT NOT NULL,
    records_sent    BIGINT NOT NULL,
    requests        BIGINT NOT NULL,
    retries         BIGINT NOT NULL,
    outcome         VARCHAR NOT NULL,
    error           VARCHAR
);
