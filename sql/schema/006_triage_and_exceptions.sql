-- Schema version 6: the analyst's decisions, kept as data beside the events.
--   alert_triage      every triage change of an alert (one row each: who, when, from what, to what, why); an
--                     alert's current status is its latest row, 'open' when it has none. Keyed by the alert's
--                     deterministic id, so triage survives re-runs, re-evaluation, retraction and backfills.
--   rule_exceptions   the rules' exceptions: a candidate whose field values all match is excepted (it raises no
--                     alert and opens or extends no suppression period). Removing one keeps the row as history.
--   detection_candidates gains exception_id: the exception that excepted the candidate when its window was
--                     last evaluated (NULL when none did).

CREATE SEQUENCE IF NOT EXISTS triage_seq START 1;

CREATE TABLE IF NOT EXISTS alert_triage (
    triage_seq    BIGINT PRIMARY KEY,
    alert_id      VARCHAR NOT NULL,
    rule_id       VARCHAR NOT NULL,
    status_from   VARCHAR NOT NULL,
    status_to     VARCHAR NOT NULL,
    reason        VARCHAR,
    note          VARCHAR,
    changed_by    VARCHAR NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS rule_exception_seq START 1;

CREATE TABLE IF NOT EXISTS rule_exceptions (
    exception_id    BIGINT PRIMARY KEY,
    rule_id         VARCHAR NOT NULL,
    field           VARCHAR NOT NULL,
    operator        VARCHAR NOT NULL,
    "values"        VARCHAR[] NOT NULL,
    match_values    VARCHAR[] NOT NULL,
    reason          VARCHAR NOT NULL,
    expires_at      TIMESTAMPTZ,
    created_by      VARCHAR NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    removed_by      VARCHAR,
    removed_at      TIMESTAMPTZ,
    removed_reason  VARCHAR
);

ALTER TABLE detection_candidates ADD COLUMN IF NOT EXISTS exception_id BIGINT;
