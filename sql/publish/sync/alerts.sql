-- Alerts whose change is newer than the copy's newest change, replaced; their changes appended.
DELETE FROM published.alerts
WHERE alert_id IN (SELECT alert_id FROM alert_changes
                   WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes));
INSERT INTO published.alerts
SELECT * FROM alerts
WHERE alert_id IN (SELECT alert_id FROM alert_changes
                   WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes));
INSERT INTO published.alert_changes
SELECT * FROM alert_changes WHERE change_seq > (SELECT coalesce(max(change_seq), 0) FROM published.alert_changes);
