-- Schema version 3: what analysts and consumers need beyond the alerts themselves.
--   alert_changes       every change a detect run made to an alert (created, updated, retracted), numbered in
--                       commit order (one writer: each run numbers its changes after the highest): what `alerts --consumer` delivers from each consumer's cursor
--   delivery_consumers  each consumer's cursor (the last change_seq it was sent, written after the output was
--                       flushed)
--   alert_events        the evidence: the events counted in each alert's windows
--   alert_timeline      per alert, model and interval bucket: the calls of its principal, for charts
--   ingest_runs         one row per ingest call (status shows the last one)
--   published_files     the analyst database as last written (its size and time, and the last detect run in it),
--                       so that the next publish can update a copy of it instead of writing every table again
--   detect_runs gains the first and last window end each run evaluated; evidence rows the run that wrote them
-- Evidence and timelines are kept up to date by detect for the alerts whose time range it evaluated, so that
-- publishing copies them instead of scanning events.

CREATE TABLE IF NOT EXISTS alert_changes (
    change_seq         BIGINT PRIMARY KEY,
    alert_id           VARCHAR NOT NULL,
    rule_id            VARCHAR NOT NULL,
    version            INTEGER NOT NULL,
    change             VARCHAR NOT NULL,
    changed_at         TIMESTAMPTZ NOT NULL,
    detect_run_id      BIGINT
);

CREATE TABLE IF NOT EXISTS delivery_consumers (
    consumer           VARCHAR PRIMARY KEY,
    cursor             BIGINT NOT NULL,
    records_delivered  BIGINT NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    delivered_at       TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS ingest_run_seq START 1;

CREATE TABLE IF NOT EXISTS ingest_runs (
    run_id             BIGINT PRIMARY KEY,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ NOT NULL,
    duration_ms        BIGINT NOT NULL,
    files_listed       BIGINT NOT NULL,
    files_unchanged    BIGINT NOT NULL,
    files_loaded       BIGINT NOT NULL,
    files_failed       BIGINT NOT NULL,
    events_read        BIGINT NOT NULL,
    events_new         BIGINT NOT NULL,
    events_skipped     BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS alert_events (
    alert_id           VARCHAR NOT NULL,
    rule_id            VARCHAR NOT NULL,
    event_id           VARCHAR NOT NULL,
    event_time         TIMESTAMPTZ NOT NULL,
    event_name         VARCHAR,
    user_arn           VARCHAR,
    account_id         VARCHAR,
    model_id           VARCHAR,
    source_ip          VARCHAR,
    source_ip_address  VARCHAR,
    user_agent         VARCHAR,
    user_type          VARCHAR,
    access_key_id      VARCHAR,
    region             VARCHAR,
    request_id         VARCHAR,
    source_file        VARCHAR,
    detect_run_id      BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS alert_timeline (
    alert_id           VARCHAR NOT NULL,
    rule_id            VARCHAR NOT NULL,
    user_arn           VARCHAR NOT NULL,
    account_id         VARCHAR,
    model_id           VARCHAR NOT NULL,
    bucket_start       TIMESTAMPTZ NOT NULL,
    bucket_end         TIMESTAMPTZ NOT NULL,
    calls              BIGINT NOT NULL,
    window_calls       BIGINT NOT NULL,
    in_alert           BOOLEAN NOT NULL,
    detect_run_id      BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS published_files (
    path               VARCHAR PRIMARY KEY,
    bytes              BIGINT NOT NULL,
    modified_ticks     BIGINT NOT NULL,
    detect_run_id      BIGINT NOT NULL,
    evidence_days      INTEGER NOT NULL,
    format_version     INTEGER NOT NULL,
    published_at       TIMESTAMPTZ NOT NULL
);

ALTER TABLE detect_runs ADD COLUMN IF NOT EXISTS first_window_end TIMESTAMPTZ;
ALTER TABLE detect_runs ADD COLUMN IF NOT EXISTS last_window_end TIMESTAMPTZ;

-- Alerts that existed before this version count as created (and, when retracted since, as retracted), in the
-- order they happened, so that a consumer starting now is sent the current state of everything.
INSERT INTO alert_changes (change_seq, alert_id, rule_id, version, change, changed_at, detect_run_id)
SELECT row_number() OVER (ORDER BY changed_at, step, alert_id), alert_id, rule_id,
       row_number() OVER (PARTITION BY alert_id ORDER BY changed_at, step), change, changed_at, detect_run_id
FROM (
    SELECT alert_id, rule_id, 'created' AS change, created_at AS changed_at, 0 AS step, NULL::BIGINT AS detect_run_id
    FROM alerts
    UNION ALL
    SELECT alert_id, rule_id, 'updated', updated_at, 1, NULL FROM alerts WHERE updated_at > created_at
    UNION ALL
    SELECT alert_id, rule_id, 'created', created_at, 0, NULL FROM retracted_alerts
    UNION ALL
    SELECT alert_id, rule_id, 'retracted', retracted_at, 2, detect_run_id FROM retracted_alerts
)
WHERE NOT EXISTS (SELECT 1 FROM alert_changes);
