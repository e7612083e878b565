-- A retracted alert of rule $rule_id loses its content signals (alert_content_signals holds the alerts that exist).
DELETE FROM alert_content_signals WHERE rule_id = $rule_id AND alert_id NOT IN (SELECT alert_id FROM alerts)
