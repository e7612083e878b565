-- Each current destination's state: its cursors, its health, and how far behind it is (the alert changes after its
-- cursor, and the oldest of them). For destinations list, status and the delivery step.
SELECT s.destination AS Destination, s.cursor AS Cursor, s.triage_cursor AS TriageCursor,
       s.records_delivered AS RecordsDelivered, s.last_attempt_at AS LastAttemptAt, s.last_success_at AS LastSuccessAt,
       s.last_error AS LastError, s.last_error_at AS LastErrorAt, s.failing_since AS FailingSince,
       (SELECT count(*) FROM alert_changes c WHERE c.change_seq > s.cursor) AS PendingChanges,
       (SELECT min(changed_at) FROM alert_changes c WHERE c.change_seq > s.cursor) AS OldestPendingAt
FROM destination_state s
WHERE $destination IS NULL OR s.destination = $destination
ORDER BY s.destination;
