-- The analyst context of a group's events per bucket (x: their cloudtrail_events rows), the seed rule's
-- VALUES(...) stage: the distinct values, gathered per bucket and united per window by context_union.sql.
list(DISTINCT x.event_name) FILTER (WHERE x.event_name IS NOT NULL) AS event_actions,
        list(DISTINCT x.source_ip) FILTER (WHERE x.source_ip IS NOT NULL) AS source_ips,
        list(DISTINCT x.user_agent) FILTER (WHERE x.user_agent IS NOT NULL) AS user_agents,
        list(DISTINCT x.user_type) FILTER (WHERE x.user_type IS NOT NULL) AS identity_types,
        list(DISTINCT x.access_key_id) FILTER (WHERE x.access_key_id IS NOT NULL) AS access_key_ids,
        list(DISTINCT x.region) FILTER (WHERE x.region IS NOT NULL) AS regions,
        min(k.event_time) AS first_seen,
        max(k.event_time) AS last_seen
