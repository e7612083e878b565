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
DROP TABLE publish_should;
DROP TABLE publish_had;
DROP TABLE publish_refreshed;
DROP TABLE publish_drop;
DROP TABLE publish_add;
