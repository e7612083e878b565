-- Triage changes since the copy's newest, appended.
INSERT INTO published.alert_triage
SELECT * FROM alert_triage WHERE triage_seq > (SELECT coalesce(max(triage_seq), 0) FROM published.alert_triage);
