-- A what-if database run before with other settings starts over: its candidates, alerts, state and a rule's hourly
-- counts, a new-terms rule's kept hours, the kept hourly tally (rebuilt from every batch) and the alerts' content
-- signals and the evidence marks belong to those.
DELETE FROM detection_candidates;
DELETE FROM alerts;
DELETE FROM retracted_alerts;
DELETE FROM rule_state;
DELETE FROM alert_changes;
DELETE FROM alert_events;
DELETE FROM alert_timeline;
DELETE FROM alert_evidence_marks;
DELETE FROM rule_hourly_calls;
DELETE FROM rule_term_hours;
DELETE FROM rule_term_batches;
DELETE FROM alert_content_signals;
DELETE FROM content_signal_state;
DELETE FROM tally_hours;
DELETE FROM tally_hour_batches;
