-- What apply_alerts.sql did, for the run's report.
SELECT
    (SELECT count(*) FROM alerts WHERE rule_id = $rule_id AND created_at = $now) AS AlertsNew,
    (SELECT count(*) FROM alerts WHERE rule_id = $rule_id AND updated_at = $now AND created_at <> $now) AS AlertsUpdated,
    (SELECT count(*) FROM retracting) AS AlertsRetracted
