-- AWS Bedrock High-Frequency Single-Model Inference API Probing (56312ef5-656c-4bf7-ad9a-affed052b102),
-- Elastic's ES|QL rule translated stage by stage to DuckDB SQL.
--
-- Contract with the engine (any rule follows it):
--   input   temp table detect_window_ends(window_end TIMESTAMPTZ): the windows to evaluate
--           $first_end, $last_end       the window ends of this span (all of detect_window_ends between them)
--           $window_minutes, $interval_minutes, $threshold   the rule's settings
--   output  one row per (window, principal, account, model) at or over the threshold, with the columns of
--           detection_candidates (except rule_id).
-- A window ending at E covers event times [E - window, E); E is a multiple of the interval since the Unix epoch.
WITH
-- from logs-aws.cloudtrail-*
--   only the events that can fall into the span's windows: a range on event_time, pruned by zone maps
events AS (
    SELECT *
    FROM cloudtrail_events
    WHERE event_time >= $first_end - to_minutes($window_minutes)
      AND event_time < $last_end
),
-- | where event.provider == "bedrock.amazonaws.com"
--     and event.action in ("InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream")
--     and event.outcome == "success"                       (no errorCode and no errorMessage; '' is absent)
--     and aws.cloudtrail.user_identity.arn IS NOT NULL
--     and aws.cloudtrail.request_parameters IS NOT NULL
inference AS (
    SELECT *
    FROM events
    WHERE event_source = 'bedrock.amazonaws.com'
      AND event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
      AND error_code IS NULL
      AND error_message IS NULL
      AND user_arn IS NOT NULL
      AND request_parameters IS NOT NULL
),
-- | grok aws.cloudtrail.request_parameters """modelId=(?<Esql.model_id>[^,}\]]+)"""
--   request_parameters is the JSON text as logged, so the model id is the string value of its "modelId" key,
--   kept whole (plain ids, foundation-model and inference-profile ARNs, inference-profile ids)
grokked AS (
    SELECT *, nullif(regexp_extract(request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1), '') AS model_id
    FROM inference
),
-- | where Esql.model_id IS NOT NULL
-- | keep arn, account, model, action, source.ip, user_agent, identity type, access key, region, AS organization
kept AS (
    SELECT event_time, user_arn, account_id, model_id, event_name, source_ip, user_agent, user_type,
           access_key_id, region, CAST(NULL AS VARCHAR) AS source_as_org
    FROM grokked
    WHERE model_id IS NOT NULL
),
-- | stats count(*), VALUES(...) by arn, account, model
--   computed once per interval bucket, then each window adds up its window/interval buckets
buckets AS (
    SELECT
        time_bucket(to_minutes($interval_minutes), event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
        user_arn, account_id, model_id,
        count(*) AS calls,
        coalesce(list(DISTINCT event_name) FILTER (WHERE event_name IS NOT NULL), []) AS event_actions,
        coalesce(list(DISTINCT source_ip) FILTER (WHERE source_ip IS NOT NULL), []) AS source_ips,
        coalesce(list(DISTINCT user_agent) FILTER (WHERE user_agent IS NOT NULL), []) AS user_agents,
        coalesce(list(DISTINCT user_type) FILTER (WHERE user_type IS NOT NULL), []) AS identity_types,
        coalesce(list(DISTINCT access_key_id) FILTER (WHERE access_key_id IS NOT NULL), []) AS access_key_ids,
        coalesce(list(DISTINCT region) FILTER (WHERE region IS NOT NULL), []) AS regions,
        coalesce(list(DISTINCT source_as_org) FILTER (WHERE source_as_org IS NOT NULL), []) AS source_as_orgs,
        min(event_time) AS first_seen,
        max(event_time) AS last_seen
    FROM kept
    GROUP BY ALL
),
bucket_windows AS (
    -- each bucket feeds the windows ending after it, up to one window width later
    SELECT b.*, unnest(generate_series(bucket_start + to_minutes($interval_minutes),
                                       bucket_start + to_minutes($window_minutes),
                                       to_minutes($interval_minutes))) AS window_end
    FROM buckets b
),
windows AS (
    SELECT
        w.window_end - to_minutes($window_minutes) AS window_start,
        w.window_end,
        b.user_arn, b.account_id, b.model_id,
        sum(b.calls)::BIGINT AS inference_call_count,
        list_sort(list_distinct(flatten(list(b.event_actions)))) AS event_actions,
        list_sort(list_distinct(flatten(list(b.source_ips)))) AS source_ips,
        list_sort(list_distinct(flatten(list(b.user_agents)))) AS user_agents,
        list_sort(list_distinct(flatten(list(b.identity_types)))) AS identity_types,
        list_sort(list_distinct(flatten(list(b.access_key_ids)))) AS access_key_ids,
        list_sort(list_distinct(flatten(list(b.regions)))) AS regions,
        list_sort(list_distinct(flatten(list(b.source_as_orgs)))) AS source_as_orgs,
        min(b.first_seen) AS first_seen,
        max(b.last_seen) AS last_seen
    FROM bucket_windows b
    JOIN detect_window_ends w ON w.window_end = b.window_end
    WHERE w.window_end BETWEEN $first_end AND $last_end
    GROUP BY w.window_end, b.user_arn, b.account_id, b.model_id
)
-- | where Esql.inference_call_count >= 500
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT *
FROM windows
WHERE inference_call_count >= $threshold
ORDER BY window_end, inference_call_count DESC, model_id
