-- Records the pruned horizon in every rule's state before any event is deleted (so that a prune cut short never
-- leaves detection evaluating windows over a half-deleted day); it only moves forward.
UPDATE rule_state
SET pruned_before = greatest(coalesce(pruned_before, $before), $before),
    updated_at = $now;

-- A new-terms rule's kept sightings before the horizon: no window detection still evaluates reaches them.
DELETE FROM rule_term_hours WHERE last_seen < $before;

-- The kept hourly tally before the horizon, likewise.
DELETE FROM tally_hours WHERE last_seen < $before;

-- Evidence gathered before the prune may hold events it deletes: an alert's is gathered again whole when next refreshed.
DELETE FROM alert_evidence_marks
