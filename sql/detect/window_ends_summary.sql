-- A rule's window ends of this run at a glance: when they are consecutive (a plain range, the usual case) they are one
-- span, and spans.sql (a window function, several milliseconds even on a few rows) is not needed.
SELECT min(window_end) AS FirstEnd, max(window_end) AS LastEnd, count(*) AS Windows,
       count(*) FILTER (WHERE late) AS Late
FROM detect_window_ends
WHERE rule_id = $rule_id
HAVING count(*) > 0
