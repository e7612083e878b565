-- A new-terms rule (Elastic's new_terms rules): an event that matches the predicate is a hit when the values of its
-- term fields ({{term}}) occurred in no matching event of the $history_days days before it (history read from the
-- same stage: it holds the windows' events and the history before them). Equal times are ordered by the event's row,
-- so of two first occurrences at one time only the first is new.
WITH
matching AS (
    SELECT *, {{term}} AS term
    FROM {{events}}
    WHERE event_time >= $first_end - to_minutes($window_minutes) - to_days(CAST($history_days AS INTEGER))
      AND event_time < $last_end
      AND ({{predicate}})
),
ordered AS (
    SELECT *, lag(event_time) OVER (PARTITION BY term ORDER BY event_time, event_row) AS previous
    FROM matching
),
hits AS (
    SELECT * EXCLUDE (previous)
    FROM ordered
    WHERE event_time >= $first_end - to_minutes($window_minutes)
      AND (previous IS NULL OR previous < event_time - to_days(CAST($history_days AS INTEGER)))
),
{{hits_to_candidates}}
