-- A destination's cursors when it is added: at the newest alert change and triage change ($from_start: before
-- the first, so that it is sent every change already recorded). A destination added again starts afresh.
DELETE FROM destination_state WHERE destination = $destination;
INSERT INTO destination_state (destination, cursor, triage_cursor, records_delivered, created_at)
SELECT $destination,
       CASE WHEN $from_start THEN 0 ELSE (SELECT coalesce(max(change_seq), 0) FROM alert_changes) END,
       CASE WHEN $from_start THEN 0 ELSE (SELECT coalesce(max(triage_seq), 0) FROM alert_triage) END,
       0, $now;
