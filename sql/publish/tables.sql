-- The analyst database: what analysts query, copied from the job's database into a new file (attached as
-- `published`) that then replaces the previous one. Evidence and timelines are those of the alerts whose
-- suppression ended at or after $evidence_from, so that a publish copies a bounded amount whatever the history.
CREATE TABLE published.alerts AS SELECT * FROM alerts ORDER BY window_end, alert_id;
CREATE TABLE published.retracted_alerts AS SELECT * FROM retracted_alerts ORDER BY retracted_at, alert_id;
CREATE TABLE published.detection_candidates AS SELECT * FROM detection_candidates ORDER BY rule_id, window_end;
CREATE TABLE published.alert_changes AS SELECT * FROM alert_changes ORDER BY change_seq;
CREATE TABLE published.detect_runs AS SELECT * FROM detect_runs ORDER BY run_id;
CREATE TABLE published.ingest_runs AS SELECT * FROM ingest_runs ORDER BY run_id;
CREATE TABLE published.rule_state AS SELECT * FROM rule_state ORDER BY rule_id;
CREATE TABLE published.delivery_consumers AS SELECT * FROM delivery_consumers ORDER BY consumer;
CREATE TABLE published.destination_configs AS SELECT * FROM destination_configs ORDER BY config_id;
CREATE TABLE published.destination_state AS SELECT * FROM destination_state ORDER BY destination;

-- Files: those that failed (with their error), and per day of ingest the totals of all of them (sources.sql).
CREATE TABLE published.ingested_files AS
SELECT * FROM ingested_files WHERE status = 'failed' ORDER BY ingested_at, path;

CREATE TABLE published.ingest_days AS SELECT * FROM publish_ingest_days ORDER BY day;

CREATE TABLE published.alert_timeline AS
SELECT t.*
FROM alert_timeline t
WHERE t.alert_id IN (SELECT alert_id FROM alerts WHERE suppression_end >= $evidence_from)
ORDER BY t.alert_id, t.model_id, t.bucket_start;

CREATE TABLE published.alert_events AS
SELECT e.*
FROM alert_events e
WHERE e.alert_id IN (SELECT alert_id FROM alerts WHERE suppression_end >= $evidence_from)
ORDER BY e.alert_id, e.event_time;

CREATE TABLE published.rules AS SELECT * FROM publish_rules ORDER BY rule_id;

-- The content signals of the alerts (threshold rules), with their verdict (docs/invocation-logs.md).
CREATE TABLE published.alert_content_signals AS SELECT * FROM alert_content_signals ORDER BY alert_id;

-- The principal views (docs/alerts.md): their timeline as principals/timeline.sql computed it into
-- principal_timeline, and one row per view over it.
CREATE TABLE published.principal_view_alerts AS
SELECT * FROM principal_timeline ORDER BY user_arn, account_id, view_id, position;
CREATE VIEW published.principal_views AS
{{principal_views}};

-- The analysts' decisions: triage history and the rules' exceptions (removed ones kept as history), and per alert
-- (active or retracted) its current triage, a view over them.
CREATE TABLE published.alert_triage AS SELECT * FROM alert_triage ORDER BY triage_seq;
CREATE TABLE published.rule_exceptions AS SELECT * FROM rule_exceptions ORDER BY exception_id;
CREATE VIEW published.alert_status AS
SELECT k.alert_id, k.rule_id, k.state, coalesce(t.triage_status, 'open') AS triage_status, t.triage_reason,
       t.triage_note, t.triaged_by, t.triaged_at
FROM (
    SELECT alert_id, rule_id, 'active' AS state FROM alerts
    UNION
    SELECT alert_id, rule_id, 'retracted' FROM retracted_alerts WHERE alert_id NOT IN (SELECT alert_id FROM alerts)
) k
LEFT JOIN ({{triage}}) t USING (alert_id);

CREATE TABLE published.publish_info (
    published_at         TIMESTAMPTZ NOT NULL,
    source_database      VARCHAR NOT NULL,
    schema_version       INTEGER NOT NULL,
    evidence_days        INTEGER NOT NULL,
    evidence_from        TIMESTAMPTZ NOT NULL,
    events_stored        BIGINT NOT NULL,
    publish_mode         VARCHAR NOT NULL
);
