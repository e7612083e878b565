-- Runs of consecutive window ends of a rule: each run is evaluated by one query over one range of event time.
SELECT min(window_end) AS FirstEnd, max(window_end) AS LastEnd, count(*) AS Windows
FROM (
    SELECT window_end,
           window_end - to_minutes(CAST($interval_minutes * row_number() OVER (ORDER BY window_end) AS INTEGER)) AS run
    FROM detect_window_ends
    WHERE rule_id = $rule_id
)
GROUP BY run
ORDER BY FirstEnd
