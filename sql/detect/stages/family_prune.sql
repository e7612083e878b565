-- Drops the events no window still to be evaluated reaches: those before $keep_from (of either source's stage:
-- detect_family or detect_invocations).
DELETE FROM {{stage_table}} WHERE event_time < $keep_from
