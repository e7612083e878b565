-- A single-event rule (Elastic's query rules): every event that matches its predicate is a hit.
--   input   {{events}} (detect/stages/family_*.sql), the rule's predicate, $first_end, $last_end, $window_minutes,
--           $interval_minutes, $threshold (1: each window with a hit is a candidate)
WITH
hits AS (
    SELECT *
    FROM {{events}}
    WHERE event_time >= $first_end - to_minutes($window_minutes)
      AND event_time < $last_end
      AND ({{predicate}})
),
{{hits_to_candidates}}
