-- The last stages of every event rule (types/match.sql, new_terms.sql, sequence.sql): its hits (the events that count,
-- h) counted per window and group of the rule's keys. A hit counts in every window that covers it: windows end on
-- the interval grid and cover [end - window, end). A group fires at $threshold hits or more{{distinct_text}}.
-- A hit's AS is its source IP's (source_ip_as; none for a service principal or an IP in no range).
windows AS (
    SELECT h.*, m.source_asn, m.source_as_org,
           unnest(generate_series(time_bucket(to_minutes($interval_minutes), h.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') + to_minutes($interval_minutes),
                                  time_bucket(to_minutes($interval_minutes), h.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') + to_minutes($window_minutes),
                                  to_minutes($interval_minutes))) AS window_end
    FROM hits h
    LEFT JOIN source_ip_as m ON m.source_ip = h.source_ip
),
candidates AS (
    SELECT window_end - to_minutes($window_minutes) AS window_start, window_end,
           {{key_columns}},
           count(*) AS event_count,
           list_sort(list_distinct(coalesce(list(event_name) FILTER (WHERE event_name IS NOT NULL), []))) AS event_actions,
           list_sort(list_distinct(coalesce(list(source_ip) FILTER (WHERE source_ip IS NOT NULL), []))) AS source_ips,
           list_sort(list_distinct(coalesce(list(user_agent) FILTER (WHERE user_agent IS NOT NULL), []))) AS user_agents,
           list_sort(list_distinct(coalesce(list(user_type) FILTER (WHERE user_type IS NOT NULL), []))) AS identity_types,
           list_sort(list_distinct(coalesce(list(access_key_id) FILTER (WHERE access_key_id IS NOT NULL), []))) AS access_key_ids,
           list_sort(list_distinct(coalesce(list(region) FILTER (WHERE region IS NOT NULL), []))) AS regions,
           list_sort(list_distinct(coalesce(list(source_as_org) FILTER (WHERE source_as_org IS NOT NULL), []))) AS source_as_orgs,
           list_sort(list_distinct(coalesce(list(source_asn) FILTER (WHERE source_asn IS NOT NULL), []))) AS source_asns,
           list_sort(list_distinct(coalesce(list(model_id) FILTER (WHERE model_id IS NOT NULL), []))) AS model_ids,
           {{terms}} AS new_terms,
           min(event_time) AS first_seen,
           max(event_time) AS last_seen
    FROM windows
    WHERE window_end BETWEEN $first_end AND $last_end
    GROUP BY window_end, {{group_keys}}
    HAVING count(*) >= $threshold{{distinct_having}}
)
SELECT * FROM candidates
ORDER BY window_end, event_count DESC, {{group_keys}}
