sum(calls)::BIGINT AS calls,
       list_distinct(flatten(list(event_actions))) AS event_actions,
       list_distinct(flatten(list(user_agents))) AS user_agents,
       list_distinct(flatten(list(identity_types))) AS identity_types,
       list_distinct(flatten(list(access_key_ids))) AS access_key_ids,
       list_distinct(flatten(list(regions))) AS regions,
       min(first_seen) AS first_seen,
       max(last_seen) AS last_seen
