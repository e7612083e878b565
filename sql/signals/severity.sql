-- Brings the severity and risk score of the target alerts (signals/targets.sql) in line with their verdict: their
-- rule's (signal_rules), raised one step (signals/macros.sql) when the verdict is "templated or repetitive probing
-- pattern". An alert whose severity changes is updated ($now); one this run did not already create or change gets
-- an 'updated' change of its own (under its rule's run), so that consumers are sent the new severity.
CREATE OR REPLACE TEMP TABLE signal_severity AS
SELECT a.alert_id, a.rule_id, a.updated_at = $now AS changed_now, r.run_id,
       CASE WHEN s.probing_pattern THEN dd_raised_severity(r.severity) ELSE r.severity END AS severity,
       CASE WHEN s.probing_pattern THEN dd_raised_risk(r.severity, r.risk_score) ELSE r.risk_score END AS risk_score
FROM alerts a
JOIN signal_rules r USING (rule_id)
LEFT JOIN alert_content_signals s USING (alert_id)
WHERE a.alert_id IN (SELECT alert_id FROM signal_targets);
DELETE FROM signal_severity s
WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.alert_id = s.alert_id AND a.severity = s.severity AND a.risk_score = s.risk_score);

UPDATE alerts AS a SET severity = s.severity, risk_score = s.risk_score, updated_at = $now
FROM signal_severity s
WHERE a.alert_id = s.alert_id;

INSERT INTO alert_changes (change_seq, alert_id, rule_id, version, change, changed_at, detect_run_id)
WITH versions AS (
    SELECT alert_id, count(*) AS versions
    FROM alert_changes
    WHERE alert_id IN (SELECT alert_id FROM signal_severity WHERE NOT changed_now)
    GROUP BY alert_id
)
SELECT (SELECT coalesce(max(change_seq), 0) FROM alert_changes) + row_number() OVER (ORDER BY s.alert_id),
       s.alert_id, s.rule_id, coalesce(v.versions, 0) + 1, 'updated', $now, s.run_id
FROM signal_severity s
LEFT JOIN versions v USING (alert_id)
WHERE NOT s.changed_now;
