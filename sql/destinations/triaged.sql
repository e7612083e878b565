change_seq <= $upto
AND alert_id IN (SELECT alert_id FROM alert_triage WHERE triage_seq > $triage_cursor AND triage_seq <= $triage_upto)
