-- A window's context: the union of its buckets' (b: rows of the rule's tally, detect/stages/tally_append.sql),
-- sorted; the seed rule's VALUES(...) over the window.
list_sort(list_distinct(flatten(list(b.event_actions)))) AS event_actions,
        list_sort(list_distinct(coalesce(list(b.source_ip) FILTER (WHERE b.source_ip IS NOT NULL), []))) AS source_ips,
        list_sort(list_distinct(flatten(list(b.user_agents)))) AS user_agents,
        list_sort(list_distinct(flatten(list(b.identity_types)))) AS identity_types,
        list_sort(list_distinct(flatten(list(b.access_key_ids)))) AS access_key_ids,
        list_sort(list_distinct(flatten(list(b.regions)))) AS regions,
        list_sort(list_distinct(flatten(list(b.source_as_orgs)))) AS source_as_orgs,
        list_sort(list_distinct(flatten(list(b.source_asns)))) AS source_asns,
        min(b.first_seen) AS first_seen,
        max(b.last_seen) AS last_seen
