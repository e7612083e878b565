-- Brings a copy of the last analyst database (attached as `published`) up to date with what changed since it was
-- written: $watermark is the last detect run it holds. Each table ends as tables.sql would write it afresh (a test
-- compares the two after schedules with late data, retractions and a moving evidence bound).

-- Alerts: those whose change is newer than the copy's newest change, replaced; retractions and changes appended.
CREATE OR REPLACE TEMP TABLE publish_changed_alerts AS
SELECT DISTINCT alert_id FROM alert_changes
WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes);
DELETE FROM published.alerts WHERE alert_id IN (SELECT alert_id FROM publish_changed_alerts);
INSERT INTO published.alerts SELECT * FROM alerts WHERE alert_id IN (SELECT alert_id FROM publish_changed_alerts);
INSERT INTO published.alert_changes
SELECT * FROM alert_changes WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes);
INSERT INTO published.retracted_alerts SELECT * FROM retracted_alerts WHERE detect_run_id > $watermark;

-- Candidates: the windows evaluated since the copy, replaced (a run replaces the candidates of the windows it
-- evaluates, and records the first and last of them).
CREATE OR REPLACE TEMP TABLE publish_dirty AS
SELECT min(first_window_end) AS dirty_from FROM detect_runs WHERE run_id > $watermark;
DELETE FROM published.detection_candidates WHERE window_end >= (SELECT dirty_from FROM publish_dirty);
INSERT INTO published.detection_candidates
SELECT * FROM detection_candidates WHERE window_end >= (SELECT dirty_from FROM publish_dirty);

-- Runs: appended.
INSERT INTO published.detect_runs SELECT * FROM detect_runs WHERE run_id > $watermark;
INSERT INTO published.ingest_runs
SELECT * FROM ingest_runs WHERE run_id > (SELECT coalesce(max(run_id), 0) FROM published.ingest_runs);

-- Evidence and timelines: those of the alerts within the bound; an alert whose evidence a run since the copy wrote
-- again, or that left the bound or the alerts, loses what the copy had; one that is new to the bound gets it.
CREATE OR REPLACE TEMP TABLE publish_should AS
SELECT alert_id FROM alerts WHERE suppression_end >= $evidence_from;
CREATE OR REPLACE TEMP TABLE publish_had AS
SELECT DISTINCT alert_id FROM published.alert_timeline;
CREATE OR REPLACE TEMP TABLE publish_refreshed AS
SELECT DISTINCT alert_id FROM alert_timeline WHERE detect_run_id > $watermark;
CREATE OR REPLACE TEMP TABLE publish_drop AS
SELECT alert_id FROM publish_had
WHERE alert_id NOT IN (SELECT alert_id FROM publish_should) OR alert_id IN (SELECT alert_id FROM publish_refreshed);
CREATE OR REPLACE TEMP TABLE publish_add AS
SELECT alert_id FROM publish_should
WHERE alert_id NOT IN (SELECT alert_id FROM publish_had) OR alert_id IN (SELECT alert_id FROM publish_refreshed);
DELETE FROM published.alert_events WHERE alert_id IN (SELECT alert_id FROM publish_drop);
DELETE FROM published.alert_timeline WHERE alert_id IN (SELECT alert_id FROM publish_drop);
INSERT INTO published.alert_events SELECT * FROM alert_events WHERE alert_id IN (SELECT alert_id FROM publish_add);
INSERT INTO published.alert_timeline SELECT * FROM alert_timeline WHERE alert_id IN (SELECT alert_id FROM publish_add);

-- Small tables: the rule state always moves; the others are written again only when they differ (an unchanged table
-- costs the checkpoint nothing).
DELETE FROM published.rule_state;
INSERT INTO published.rule_state SELECT * FROM rule_state;
DELETE FROM published.delivery_consumers
WHERE EXISTS (FROM published.delivery_consumers EXCEPT ALL FROM delivery_consumers)
   OR EXISTS (FROM delivery_consumers EXCEPT ALL FROM published.delivery_consumers);
INSERT INTO published.delivery_consumers
SELECT * FROM delivery_consumers WHERE NOT EXISTS (FROM published.delivery_consumers);
DELETE FROM published.ingested_files
WHERE EXISTS (FROM published.ingested_files EXCEPT ALL SELECT * FROM ingested_files WHERE status = 'failed')
   OR EXISTS (SELECT * FROM ingested_files WHERE status = 'failed' EXCEPT ALL FROM published.ingested_files);
INSERT INTO published.ingested_files
SELECT * FROM ingested_files WHERE status = 'failed' AND NOT EXISTS (FROM published.ingested_files);
DELETE FROM published.ingest_days
WHERE EXISTS (FROM published.ingest_days EXCEPT ALL FROM publish_ingest_days)
   OR EXISTS (FROM publish_ingest_days EXCEPT ALL FROM published.ingest_days);
INSERT INTO published.ingest_days
SELECT * FROM publish_ingest_days WHERE NOT EXISTS (FROM published.ingest_days);
DELETE FROM published.rules
WHERE EXISTS (FROM published.rules EXCEPT ALL FROM publish_rules)
   OR EXISTS (FROM publish_rules EXCEPT ALL FROM published.rules);
INSERT INTO published.rules
SELECT * FROM publish_rules WHERE NOT EXISTS (FROM published.rules);
INSERT INTO published.alert_triage
SELECT * FROM alert_triage WHERE triage_seq > (SELECT coalesce(max(triage_seq), 0) FROM published.alert_triage);
DELETE FROM published.rule_exceptions
WHERE EXISTS (FROM published.rule_exceptions EXCEPT ALL FROM rule_exceptions)
   OR EXISTS (FROM rule_exceptions EXCEPT ALL FROM published.rule_exceptions);
INSERT INTO published.rule_exceptions
SELECT * FROM rule_exceptions WHERE NOT EXISTS (FROM published.rule_exceptions);
DELETE FROM published.publish_info;

DROP TABLE publish_changed_alerts;
DROP TABLE publish_dirty;
DROP TABLE publish_should;
DROP TABLE publish_had;
DROP TABLE publish_refreshed;
DROP TABLE publish_drop;
DROP TABLE publish_add;
