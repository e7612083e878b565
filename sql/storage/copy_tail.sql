-- The tail merge, first half: writes the tail's rows (rowids $start to $end) again, in their order, as one run of
-- row groups. Rows this transaction appends have rowids far above $end, so the copy never reads itself.
INSERT INTO cloudtrail_events
SELECT * FROM cloudtrail_events WHERE rowid >= $start AND rowid < $end
