-- The current triage of some alerts ($alert_ids): status, reason, note, who and when, for receivers that record it.
SELECT alert_id AS AlertId, triage_status AS Status, triage_reason AS Reason, triage_note AS Note, triaged_by AS TriagedBy
FROM ({{triage}})
WHERE alert_id IN (SELECT unnest($alert_ids));
