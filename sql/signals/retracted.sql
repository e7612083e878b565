-- A retracted alert of the run's threshold rules (signal_rules) loses its content signals (alert_content_signals holds
-- the alerts that exist).
DELETE FROM alert_content_signals
WHERE rule_id IN (SELECT rule_id FROM signal_rules) AND alert_id NOT IN (SELECT alert_id FROM alerts)
