-- The one pass over the events (Many rules, one pass): the inference calls of a slice of event time
-- [$events_from, $events_to), filtered and with their model id extracted once for every threshold rule
-- (rules/shared/counted_calls.sql and model_id.sql, the seed rule's where and grok stages), tallied per
-- $bucket_minutes bucket and (principal, account, model, source IP): the calls, and the distinct values of the
-- analyst context (the seed rule's VALUES(...) stage), which a window unites over its buckets. A slice starts and
-- ends on a bucket boundary, so a bucket is tallied once. Calls without a model id do not count (| where model_id IS
-- NOT NULL): dropped after grouping, so that the extraction runs once per event. The AS of the source IP (number and
-- organization, the seed rule's VALUES(source.as.organization.name)) comes from source_ip_as, once per group: a group
-- holds one source IP, and an event's AS is its source IP's (empty lists without AS data or for an IP in no range).
INSERT INTO {{tally}} BY NAME
SELECT t.*,
       CASE WHEN m.source_as_org IS NULL THEN [] ELSE [m.source_as_org] END AS source_as_orgs,
       CASE WHEN m.source_asn IS NULL THEN [] ELSE [m.source_asn] END AS source_asns
FROM (
SELECT bucket_start, user_arn, account_id, model_id, source_ip, count(*) AS calls,
       coalesce(list(DISTINCT event_name) FILTER (WHERE event_name IS NOT NULL), []) AS event_actions,
       coalesce(list(DISTINCT user_agent) FILTER (WHERE user_agent IS NOT NULL), []) AS user_agents,
       coalesce(list(DISTINCT user_type) FILTER (WHERE user_type IS NOT NULL), []) AS identity_types,
       coalesce(list(DISTINCT access_key_id) FILTER (WHERE access_key_id IS NOT NULL), []) AS access_key_ids,
       coalesce(list(DISTINCT region) FILTER (WHERE region IS NOT NULL), []) AS regions,
       min(event_time) AS first_seen,
       max(event_time) AS last_seen
FROM (
    SELECT time_bucket(to_minutes($bucket_minutes), event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           event_time, user_arn, account_id, {{model_id}} AS model_id, source_ip, event_name, user_agent, user_type,
           access_key_id, region
    FROM cloudtrail_events
    WHERE event_time >= $events_from
      AND event_time < $events_to
      AND {{counted_calls}}
)
GROUP BY bucket_start, user_arn, account_id, model_id, source_ip
HAVING model_id <> ''
) t
LEFT JOIN source_ip_as m ON m.source_ip = t.source_ip
