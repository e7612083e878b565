-- A coarser tally from the finest (each of its buckets is a whole number of the finest's, both aligned on the Unix
-- epoch): the same groups, their calls summed and their context united, for the buckets of the slice
-- [$events_from, $events_to).
INSERT INTO {{tally}}
SELECT time_bucket(to_minutes($bucket_minutes), bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
       user_arn, account_id, model_id, source_ip, sum(calls)::BIGINT AS calls,
       list_distinct(flatten(list(event_actions))) AS event_actions,
       list_distinct(flatten(list(user_agents))) AS user_agents,
       list_distinct(flatten(list(identity_types))) AS identity_types,
       list_distinct(flatten(list(access_key_ids))) AS access_key_ids,
       list_distinct(flatten(list(regions))) AS regions,
       list_distinct(flatten(list(source_as_orgs))) AS source_as_orgs,
       list_distinct(flatten(list(source_asns))) AS source_asns,
       min(first_seen) AS first_seen,
       max(last_seen) AS last_seen
FROM {{finest}}
WHERE bucket_start >= $events_from AND bucket_start < $events_to
GROUP BY bucket, user_arn, account_id, model_id, source_ip
