-- A rule without counted_events_sql: no counted events to explain with (the columns counted_events_sql gives).
SELECT NULL::BIGINT AS event_row, NULL::TIMESTAMPTZ AS event_time, NULL::VARCHAR AS user_arn,
       NULL::VARCHAR AS account_id, NULL::VARCHAR AS model_id
WHERE false
