-- A tally whose buckets are whole hours, read from the kept hourly tally (tally_hours) instead of the events: the
-- buckets starting in [$events_from, $events_to) (tally_hours_summed.sql, or tally_hours_as_kept.sql for
-- hourly buckets), and the AS of the source IP looked up (tally_as.sql).
INSERT INTO {{tally}} BY NAME
SELECT t.*, {{as_lists}}
FROM (
{{hours}}
) t
LEFT JOIN source_ip_as m ON m.source_ip = t.source_ip
