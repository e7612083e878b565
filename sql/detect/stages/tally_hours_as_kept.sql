-- The kept hours of [$events_from, $events_to) as hourly buckets: tally_hours holds one row per hour and group (each
-- take-in merges the hours it touched: tally_hours_state.sql), so they are read as they are, with no merge.
    SELECT hour_start AS bucket_start, user_arn, account_id, model_id, source_ip, calls, event_actions, user_agents,
           identity_types, access_key_ids, regions, first_seen, last_seen
    FROM tally_hours
    WHERE hour_start >= $events_from AND hour_start < $events_to
