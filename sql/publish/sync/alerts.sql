-- Alerts whose change is newer than the copy's newest change, replaced; their changes appended.
CREATE OR REPLACE TEMP TABLE publish_changed_alerts AS
SELECT DISTINCT alert_id FROM alert_changes
WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes);
DELETE FROM published.alerts WHERE alert_id IN (SELECT alert_id FROM publish_changed_alerts);
INSERT INTO published.alerts SELECT * FROM alerts WHERE alert_id IN (SELECT alert_id FROM publish_changed_alerts);
INSERT INTO published.alert_changes
SELECT * FROM alert_changes WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes);
DROP TABLE publish_changed_alerts;
