-- A window's context: the union of its buckets' (b: rows of context_lists.sql), sorted.
list_sort(list_distinct(coalesce(flatten(list(b.event_actions)), []))) AS event_actions,
        list_sort(list_distinct(coalesce(flatten(list(b.source_ips)), []))) AS source_ips,
        list_sort(list_distinct(coalesce(flatten(list(b.user_agents)), []))) AS user_agents,
        list_sort(list_distinct(coalesce(flatten(list(b.identity_types)), []))) AS identity_types,
        list_sort(list_distinct(coalesce(flatten(list(b.access_key_ids)), []))) AS access_key_ids,
        list_sort(list_distinct(coalesce(flatten(list(b.regions)), []))) AS regions,
        CAST([] AS VARCHAR[]) AS source_as_orgs,
        min(b.first_seen) AS first_seen,
        max(b.last_seen) AS last_seen
