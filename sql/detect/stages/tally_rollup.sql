-- A coarser tally from the finest (each of its buckets is a whole number of the finest's, both aligned on the Unix
-- epoch): the same groups, their calls summed and their context united (tally_merged.sql, as the kept
-- hours merge), for the buckets of the slice [$events_from, $events_to).
INSERT INTO {{tally}} BY NAME
SELECT time_bucket(to_minutes($bucket_minutes), bucket_start, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
       user_arn, account_id, model_id, source_ip,
       {{merged}},
       list_distinct(flatten(list(source_as_orgs))) AS source_as_orgs,
       list_distinct(flatten(list(source_asns))) AS source_asns
FROM {{finest}}
WHERE bucket_start >= $events_from AND bucket_start < $events_to
GROUP BY ALL
