-- Drops the events no window still to be evaluated reaches: those before $keep_from.
DELETE FROM detect_family WHERE event_time < $keep_from
