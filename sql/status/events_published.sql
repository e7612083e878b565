SELECT {stored: events_stored, first_event: NULL::VARCHAR, newest_event: NULL::VARCHAR, ingest_lag_minutes: NULL::DOUBLE,
        published_at: strftime(timezone('UTC', published_at), '%Y-%m-%dT%H:%M:%SZ')}
FROM publish_info
