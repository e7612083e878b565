-- A two-step sequence rule (Elastic's EQL sequences): an event of the second step is a hit when an event of the first
-- step by the same {{by}} came before it within $max_span_minutes (at the same time, from an earlier row).
WITH
first_steps AS (
    SELECT event_row, event_time, {{by}} AS by_key
    FROM {{events}}
    WHERE event_time >= $first_end - to_minutes($window_minutes) - to_minutes($max_span_minutes)
      AND event_time < $last_end
      AND {{by}} IS NOT NULL
      AND ({{first_step}})
),
second_steps AS (
    SELECT *
    FROM {{events}}
    WHERE event_time >= $first_end - to_minutes($window_minutes)
      AND event_time < $last_end
      AND {{by}} IS NOT NULL
      AND ({{then_step}})
),
hits AS (
    SELECT s.*
    FROM second_steps s
    WHERE EXISTS (
        SELECT 1 FROM first_steps f
        WHERE f.by_key = s.{{by}}
          AND f.event_time >= s.event_time - to_minutes($max_span_minutes)
          AND (f.event_time < s.event_time OR (f.event_time = s.event_time AND f.event_row < s.event_row)))
),
{{hits_to_candidates}}
