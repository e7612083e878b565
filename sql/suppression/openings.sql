-- Suppression's openings, shared by detect (detect/suppress.sql) and tune (tune/suppress.sql): CTEs that read a
-- `region` CTE (the candidates to suppress, each with its group_key and window_end) and give `assigned`, each
-- candidate with the suppression_start of the alert it opens or folds into. $duration_minutes is the suppression.
ends AS (
    SELECT DISTINCT group_key, window_end FROM region
),
-- For each window end of a group, the first window end of the group at or after end + duration: the alert that
-- would open next if this one opened one.
next AS MATERIALIZED (
    SELECT a.group_key, a.window_end, b.window_end AS next_start
    FROM ends a
    ASOF LEFT JOIN (SELECT group_key, window_end - to_minutes($duration_minutes) AS reach, window_end FROM ends) b
      ON a.group_key = b.group_key AND a.window_end <= b.reach
),
-- The openings: each group's first candidate, then hop by hop (one step per alert, all groups at once).
openings (group_key, suppression_start) AS (
    SELECT group_key, min(window_end) FROM next GROUP BY group_key
    UNION ALL
    SELECT n.group_key, n.next_start
    FROM openings o
    JOIN next n ON n.group_key = o.group_key AND n.window_end = o.suppression_start
    WHERE n.next_start IS NOT NULL
),
-- Each candidate folds into the latest opening at or before it.
assigned AS (
    SELECT r.*, o.suppression_start
    FROM region r
    ASOF JOIN openings o ON r.group_key = o.group_key AND r.window_end >= o.suppression_start
)
