-- The threshold rules' count of the inference calls ({{events}}: which events), per $bucket_minutes bucket and
-- (principal, account, model, source IP): the calls, and the distinct values of the analyst context (the seed rule's
-- VALUES(...) stage), which a window unites over its buckets. The where and grok stages of the seed rule
-- (rules/shared/counted_calls.sql and model_id.sql), the model id extracted once per event. Calls without a model id
-- do not count (| where model_id IS NOT NULL): dropped after grouping, so that the extraction runs once per event.
-- Read by the slice's tally (tally_append.sql) and by the kept hourly tally (tally_hours_state.sql).
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
    WHERE {{events}}
      AND {{counted_calls}}
)
GROUP BY bucket_start, user_arn, account_id, model_id, source_ip
HAVING model_id <> ''
