-- A delivery's end: its row in destination_runs, and the destination's health (a failure's error, with secrets
-- removed, and since when it has been failing; a success ends the failing streak, the last error stays to be read).
INSERT INTO destination_runs (run_id, destination, started_at, duration_ms, cursor_from, cursor_to, records_sent, requests,
                              retries, outcome, error)
VALUES (nextval('destination_run_seq'), $destination, $started_at, $duration_ms, $cursor_from, $cursor_to, $records,
        $requests, $retries, $outcome, $error);
UPDATE destination_state
SET last_attempt_at = $now,
    last_error = coalesce($error, last_error),
    last_error_at = CASE WHEN $error IS NULL THEN last_error_at ELSE $now END,
    failing_since = CASE WHEN $error IS NULL THEN NULL ELSE coalesce(failing_since, $started_at) END
WHERE destination = $destination;
