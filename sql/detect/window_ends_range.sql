-- Every window end E of the requested range of a rule: $range_from < E <= $range_to, on its interval grid.
INSERT INTO detect_window_ends
SELECT $rule_id, generate_series, false
FROM generate_series($range_from + to_minutes($interval_minutes), $range_to, to_minutes($interval_minutes))
WHERE $range_from < $range_to
