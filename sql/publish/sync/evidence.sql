-- Evidence and timelines: those of the alerts within the bound. An alert that left the bound or the alerts loses
-- what the copy had, one new to the bound gets it. An alert that a run since the copy gathered again
-- (refresh.sql) gets its timeline again; its evidence rows are only added to when the job still holds its rows from
-- before the copy (a run removes an alert's row only with all of them), or else written again whole.
CREATE OR REPLACE TEMP TABLE publish_should AS
SELECT alert_id FROM alerts WHERE suppression_end >= $evidence_from;
CREATE OR REPLACE TEMP TABLE publish_had AS
SELECT DISTINCT alert_id FROM published.alert_timeline;
CREATE OR REPLACE TEMP TABLE publish_refreshed AS
SELECT DISTINCT alert_id FROM alert_timeline WHERE detect_run_id > $watermark;
CREATE OR REPLACE TEMP TABLE publish_appended AS
SELECT DISTINCT alert_id FROM alert_events
WHERE detect_run_id <= $watermark
  AND alert_id IN (SELECT alert_id FROM publish_refreshed)
  AND alert_id IN (SELECT alert_id FROM publish_had)
  AND alert_id IN (SELECT alert_id FROM publish_should);
CREATE OR REPLACE TEMP TABLE publish_drop AS
SELECT alert_id FROM publish_had
WHERE alert_id NOT IN (SELECT alert_id FROM publish_should) OR alert_id IN (SELECT alert_id FROM publish_refreshed);
CREATE OR REPLACE TEMP TABLE publish_add AS
SELECT alert_id FROM publish_should
WHERE alert_id NOT IN (SELECT alert_id FROM publish_had) OR alert_id IN (SELECT alert_id FROM publish_refreshed);
DELETE FROM published.alert_events
WHERE alert_id IN (SELECT alert_id FROM publish_drop) AND alert_id NOT IN (SELECT alert_id FROM publish_appended);
DELETE FROM published.alert_timeline WHERE alert_id IN (SELECT alert_id FROM publish_drop);
INSERT INTO published.alert_events
SELECT * FROM alert_events
WHERE alert_id IN (SELECT alert_id FROM publish_add)
  AND (alert_id NOT IN (SELECT alert_id FROM publish_appended) OR detect_run_id > $watermark);
INSERT INTO published.alert_timeline SELECT * FROM alert_timeline WHERE alert_id IN (SELECT alert_id FROM publish_add);
DROP TABLE publish_should;
DROP TABLE publish_had;
DROP TABLE publish_refreshed;
DROP TABLE publish_appended;
DROP TABLE publish_drop;
DROP TABLE publish_add;
