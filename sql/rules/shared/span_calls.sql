-- The calls the rules count among the events that can fall into the span's windows (from logs-aws.cloudtrail-*
-- | where ..., as in the seed rule): a range on event_time, pruned by zone maps; event_row is the row to fetch
-- the analyst context from.
SELECT *, rowid AS event_row
    FROM cloudtrail_events
    WHERE event_time >= $first_end - to_minutes($window_minutes)
      AND event_time < $last_end
      AND {{counted_calls}}
