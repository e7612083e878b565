-- The tail merge, second half: deletes the rows copy_tail.sql wrote again. The checkpoint then drops the emptied row
-- groups; it does so with DuckDB's own merge deferred (max_vacuum_tasks = 0).
DELETE FROM cloudtrail_events WHERE rowid >= $start AND rowid < $end
