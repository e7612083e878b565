-- Passes a destination over every change recorded so far (destinations enable --skip-pending): its cursors move to
-- the newest alert change and triage change, as for a destination added now.
UPDATE destination_state
SET cursor = greatest(cursor, (SELECT coalesce(max(change_seq), 0) FROM alert_changes)),
    triage_cursor = greatest(triage_cursor, (SELECT coalesce(max(triage_seq), 0) FROM alert_triage))
WHERE destination = $destination;
