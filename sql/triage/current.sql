-- Each triaged alert's current triage: its latest change (alerts without one are 'open'). A fragment: queries put
-- it in their FROM as a subquery, in place of their triage placeholder.
SELECT alert_id,
       arg_max(status_to, triage_seq) AS triage_status,
       arg_max(reason, triage_seq) AS triage_reason,
       arg_max(note, triage_seq) AS triage_note,
       arg_max(changed_by, triage_seq) AS triaged_by,
       max(changed_at) AS triaged_at
FROM alert_triage
GROUP BY alert_id
