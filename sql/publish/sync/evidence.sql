-- Evidence and timelines: those of the alerts within the bound. An alert that left the bound or the alerts loses
-- what the copy had, one new to the bound gets it. An alert that a run since the copy gathered again
-- (evidence/refresh.sql) gets its timeline again; its evidence rows are only added to when the job still holds its
-- rows from before the copy (a run removes an alert's rows only all at once), or else written again whole.
CREATE OR REPLACE TEMP TABLE publish_evidence AS
WITH should AS (SELECT alert_id FROM alerts WHERE suppression_end >= $evidence_from),
had AS (SELECT DISTINCT alert_id FROM published.alert_timeline),
refreshed AS (SELECT DISTINCT alert_id FROM alert_timeline WHERE detect_run_id > $watermark),
kept AS (
    SELECT DISTINCT alert_id FROM alert_events
    WHERE detect_run_id <= $watermark AND alert_id IN (SELECT alert_id FROM refreshed)
),
alert_sets AS (
    SELECT alert_id,
           alert_id IN (SELECT alert_id FROM should) AS should,
           alert_id IN (SELECT alert_id FROM had) AS had,
           alert_id IN (SELECT alert_id FROM refreshed) AS refreshed,
           alert_id IN (SELECT alert_id FROM kept) AS kept
    FROM (SELECT alert_id FROM should UNION SELECT alert_id FROM had)
)
SELECT alert_id,
       had AND (NOT should OR refreshed) AS drops,
       should AND (NOT had OR refreshed) AS adds,
       had AND should AND refreshed AND kept AS appends
FROM alert_sets
WHERE (had AND (NOT should OR refreshed)) OR (should AND (NOT had OR refreshed));
DELETE FROM published.alert_events
WHERE alert_id IN (SELECT alert_id FROM publish_evidence WHERE drops AND NOT appends);
DELETE FROM published.alert_timeline
WHERE alert_id IN (SELECT alert_id FROM publish_evidence WHERE drops);
INSERT INTO published.alert_events
SELECT e.* FROM alert_events e JOIN publish_evidence p ON p.alert_id = e.alert_id
WHERE p.adds AND (NOT p.appends OR e.detect_run_id > $watermark);
INSERT INTO published.alert_timeline
SELECT * FROM alert_timeline WHERE alert_id IN (SELECT alert_id FROM publish_evidence WHERE adds);
DROP TABLE publish_evidence;
