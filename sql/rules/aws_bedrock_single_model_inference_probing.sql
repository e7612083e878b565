-- AWS Bedrock High-Frequency Single-Model Inference API Probing (56312ef5-656c-4bf7-ad9a-affed052b102),
-- Elastic's ES|QL rule translated stage by stage to DuckDB SQL.
--
-- Contract with the engine (any rule follows it):
--   input   cloudtrail_events (with its rowid: a what-if run's view exposes the production table's)
--           $first_end, $last_end       the first and last window end of a span: every window end on the
--                                       interval grid between them (both included) is evaluated
--           $window_minutes, $interval_minutes, $threshold   the rule's settings
--   output  one row per (window, principal, account, model) at or over the threshold, with the columns of
--           detection_candidates (except rule_id).
-- A window ending at E covers event times [E - window, E); E is a multiple of the interval since the Unix epoch.
WITH
-- from logs-aws.cloudtrail-*
--   only the events that can fall into the span's windows: a range on event_time, pruned by zone maps
events AS (
    SELECT *, rowid AS event_row
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
--   kept whole (plain ids, foundation-model and inference-profile ARNs, inference-profile ids); '' where there is
--   none. The expression appears once: as a filter here DuckDB would evaluate it in the scan and again for the
--   projection (a third of the query's time), so events without a model id are dropped after counting (buckets).
grokked AS (
    SELECT *, regexp_extract(request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1) AS model_id
    FROM inference
),
-- | keep arn, account, model, ...
--   what counting needs, the interval bucket each event falls into (counting and the context group by it), and
--   the row to fetch the context columns from (bucket_context) for the few events of principals over the threshold
kept AS (
    SELECT event_row, event_time, user_arn, account_id, model_id,
           time_bucket(to_minutes($interval_minutes), event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start
    FROM grokked
),
-- | stats Esql.inference_call_count = count(*) by arn, account, model
--   counted once per interval bucket; each window adds up the window/interval buckets before its end
buckets AS (
    SELECT bucket_start, user_arn, account_id, model_id, count(*) AS calls
    FROM kept
    GROUP BY ALL
    -- | where Esql.model_id IS NOT NULL
    HAVING model_id <> ''
),
window_counts AS (
    SELECT b.window_end, b.user_arn, b.account_id, b.model_id, sum(b.calls)::BIGINT AS inference_call_count
    FROM (
        SELECT user_arn, account_id, model_id, calls,
               unnest(generate_series(bucket_start + to_minutes($interval_minutes),
                                      bucket_start + to_minutes($window_minutes),
                                      to_minutes($interval_minutes))) AS window_end
        FROM buckets
    ) b
    WHERE b.window_end BETWEEN $first_end AND $last_end
    GROUP BY ALL
    -- | where Esql.inference_call_count >= 500
    HAVING sum(b.calls) >= $threshold
),
-- | stats ... VALUES(event.action), VALUES(source.ip), ... by arn, account, model
--   the analyst context (action, source.ip, user_agent, identity type, access key, region, AS organization),
--   gathered only for the principals and models over the threshold: each of their counted events fetches its
--   context by row; the distinct values are gathered per interval bucket, and each window unites its buckets'
--   (six buckets a window: far fewer rows to de-duplicate than each event once per window it falls into)
bucket_context AS (
    SELECT
        k.bucket_start, k.user_arn, k.account_id, k.model_id,
        -- VALUES(event.action), VALUES(source.ip), VALUES(user_agent.original), VALUES(identity type),
        -- VALUES(access key), VALUES(cloud.region), min/max(@timestamp): rules/shared/context_lists.sql
        {{context_lists}}
    FROM kept k
    SEMI JOIN window_counts c
      ON c.user_arn = k.user_arn AND c.account_id IS NOT DISTINCT FROM k.account_id AND c.model_id = k.model_id
    JOIN cloudtrail_events x ON x.rowid = k.event_row AND x.event_time = k.event_time
    GROUP BY ALL
),
candidates AS (
    SELECT
        c.window_end - to_minutes($window_minutes) AS window_start,
        c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count,
        -- each list's distinct values over the window's buckets, sorted; source_as_orgs is empty (CloudTrail has no
        -- AS organization; no ASN enrichment yet): rules/shared/context_union.sql
        {{context_union}}
    FROM window_counts c
    JOIN bucket_context b
      ON b.user_arn = c.user_arn AND b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id
     AND b.bucket_start >= c.window_end - to_minutes($window_minutes) AND b.bucket_start < c.window_end
    GROUP BY c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count
)
-- | keep ...
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT window_start, window_end, user_arn, account_id, model_id, inference_call_count, event_actions, source_ips,
       user_agents, identity_types, access_key_ids, regions, source_as_orgs, first_seen, last_seen
FROM candidates
ORDER BY window_end, inference_call_count DESC, model_id
