SELECT {stored: count(*), first_event: strftime(timezone('UTC', min(event_time)), '%Y-%m-%dT%H:%M:%SZ'),
        newest_event: strftime(timezone('UTC', max(event_time)), '%Y-%m-%dT%H:%M:%SZ'),
        ingest_lag_minutes: round(epoch($now - max(event_time)) / 60.0, 1)}
FROM cloudtrail_events
