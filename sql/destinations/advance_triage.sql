-- Moves a destination's triage cursor to $triage_cursor (never back) once the receiver took those triage changes.
UPDATE destination_state
SET triage_cursor = greatest(triage_cursor, $triage_cursor),
    last_attempt_at = $now,
    last_success_at = CASE WHEN $records > 0 THEN $now ELSE last_success_at END
WHERE destination = $destination;
