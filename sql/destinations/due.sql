-- Whether any enabled destination has something to be sent: an alert change after its cursor, or (for the types
-- that take triage, DestinationType.TakesTriage) a triage change after its triage cursor. One look at small tables,
-- so that a run with nothing new for any destination reads nothing more.
WITH current AS (
    SELECT destination, arg_max(enabled, version) AS enabled, arg_max(type, version) AS type
    FROM destination_configs
    GROUP BY destination
)
SELECT EXISTS (
    SELECT 1
    FROM destination_state s
    JOIN current c USING (destination)
    WHERE c.enabled
      AND (s.cursor < (SELECT coalesce(max(change_seq), 0) FROM alert_changes)
           OR (c.type IN ('securityhub', 'elasticsearch')
               AND s.triage_cursor < (SELECT coalesce(max(triage_seq), 0) FROM alert_triage)))
)
