-- The alert to explain and the rule that raised it (an unknown id gives no row).
SELECT rule_id FROM alerts WHERE alert_id = $alert_id
