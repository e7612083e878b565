-- A new-terms rule (Elastic's new_terms rules): an event that matches the predicate is a hit when the values of its
-- term fields ({{term}}) occurred in no matching event of the $history_days days before it. The history comes in two
-- parts, split at the hour that holds the first window's start ($first_end - window, floored to the hour): after it,
-- the matching events of the shared stage, where equal times are ordered by the event's row (so of two first
-- occurrences at one time only the first is new); before it, the rule's kept hours (rule_term_hours: each term's
-- last time per hour, kept from every ingest batch once), so that no run reads days of events.
WITH
params AS (
    SELECT time_bucket(INTERVAL 1 HOUR, $first_end - to_minutes($window_minutes), TIMESTAMPTZ '1970-01-01 00:00:00+00') AS cut,
           to_days(CAST($history_days AS INTEGER)) AS history
),
matching AS (
    SELECT e.*, {{term}} AS term
    FROM {{events}} e, params p
    WHERE e.event_time >= p.cut
      AND e.event_time < $last_end
      AND ({{predicate}})
),
ordered AS (
    SELECT *, lag(event_time) OVER (PARTITION BY term ORDER BY event_time, event_row) AS previous
    FROM matching
),
-- Each term's last time before the cut within reach of the windows' history.
kept AS (
    SELECT h.term, max(h.last_seen) AS last_seen
    FROM rule_term_hours h, params p
    WHERE h.rule_id = $rule_id
      AND h.hour_start < p.cut
      AND h.last_seen >= p.cut - p.history
    GROUP BY h.term
),
hits AS (
    SELECT o.* EXCLUDE (previous)
    FROM ordered o
    CROSS JOIN params p
    LEFT JOIN kept k ON k.term IS NOT DISTINCT FROM o.term
    WHERE o.event_time >= $first_end - to_minutes($window_minutes)
      AND CASE WHEN o.previous IS NOT NULL THEN o.previous < o.event_time - p.history
               ELSE k.last_seen IS NULL OR k.last_seen < o.event_time - p.history END
),
{{hits_to_candidates}}
