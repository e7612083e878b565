-- Moves a destination's cursor to $cursor (never back) once the receiver accepted every record up to it.
UPDATE destination_state
SET cursor = greatest(cursor, $cursor),
    records_delivered = records_delivered + $records,
    last_attempt_at = $now,
    last_success_at = CASE WHEN $records > 0 THEN $now ELSE last_success_at END
WHERE destination = $destination;
