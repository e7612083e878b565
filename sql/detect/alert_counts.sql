-- What apply_alerts.sql did, and the candidates of the windows evaluated, for the run's report.
SELECT
    (SELECT count(*) FROM alerts WHERE rule_id = $rule_id AND created_at = $now) AS AlertsNew,
    (SELECT count(*) FROM alerts WHERE rule_id = $rule_id AND updated_at = $now AND created_at <> $now) AS AlertsUpdated,
    (SELECT count(*) FROM retracting) AS AlertsRetracted,
    (SELECT count(*) FROM detection_candidates c JOIN detect_window_ends w USING (rule_id, window_end)
     WHERE c.rule_id = $rule_id) AS Candidates
