-- One triage change per given alert (ids checked before): from its current status to $status, with why and who.
-- Retracted alerts keep their triage, so they can be triaged too.
INSERT INTO alert_triage (triage_seq, alert_id, rule_id, status_from, status_to, reason, note, changed_by, changed_at)
SELECT nextval('triage_seq'), i.alert_id, k.rule_id, coalesce(t.triage_status, 'open'), $status, $reason, $note, $by, $now
FROM (SELECT DISTINCT unnest($ids) AS alert_id) i
JOIN (SELECT alert_id, rule_id FROM alerts
      UNION
      SELECT alert_id, rule_id FROM retracted_alerts) k USING (alert_id)
LEFT JOIN ({{triage}}) t USING (alert_id)
ORDER BY i.alert_id;
