-- Whether any destination has something to be sent: an alert change after its cursor, or a triage change after its
-- triage cursor. One look at small tables, so that a run with nothing new for any destination reads nothing more.
SELECT EXISTS (
    SELECT 1
    FROM destination_state
    WHERE cursor < (SELECT coalesce(max(change_seq), 0) FROM alert_changes)
       OR triage_cursor < (SELECT coalesce(max(triage_seq), 0) FROM alert_triage)
)
