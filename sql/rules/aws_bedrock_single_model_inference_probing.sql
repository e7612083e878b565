-- AWS Bedrock High-Frequency Single-Model Inference API Probing (56312ef5-656c-4bf7-ad9a-affed052b102),
-- Elastic's ES|QL rule translated stage by stage to DuckDB SQL.
--
-- Contract with the engine (any threshold rule follows it):
--   input   {{tally}}                   the inference calls per bucket of the rule's interval and (principal, account,
--                                       model, source IP), with their context: the shared first stage, read from
--                                       cloudtrail_events once for every rule (detect/stages/tally_append.sql holds
--                                       the where and grok stages); it holds every bucket the span's windows reach
--           $first_end, $last_end       the first and last window end of a span: every window end on the
--                                       interval grid between them (both included) is evaluated
--           $window_minutes, $interval_minutes, $threshold   the rule's settings
--   output  one row per (window, principal, account, model) at or over the threshold, with the columns of
--           detection_candidates (except rule_id).
-- A window ending at E covers event times [E - window, E); E is a multiple of the interval since the Unix epoch.
WITH
-- from logs-aws.cloudtrail-*
-- | where event.provider == "bedrock.amazonaws.com"
--     and event.action in ("InvokeModel", "Converse", "ConverseStream", "InvokeModelWithResponseStream")
--     and event.outcome == "success"                       (no errorCode and no errorMessage; '' is absent)
--     and aws.cloudtrail.user_identity.arn IS NOT NULL
--     and aws.cloudtrail.request_parameters IS NOT NULL
-- | grok aws.cloudtrail.request_parameters """modelId=(?<Esql.model_id>[^,}\]]+)"""
-- | where Esql.model_id IS NOT NULL
--   request_parameters is the JSON text as logged, so the model id is the string value of its "modelId" key, kept
--   whole (plain ids, foundation-model and inference-profile ARNs, inference-profile ids): these stages run once for
--   every rule, in the tally (rules/shared/counted_calls.sql, model_id.sql)
-- | stats Esql.inference_call_count = count(*) by arn, account, model
--   counted once per interval bucket (the tally, per source IP too: summed here); each window adds up the
--   window/interval buckets before its end
buckets AS (
    SELECT bucket_start, user_arn, account_id, model_id, sum(calls) AS calls
    FROM {{tally}}
    GROUP BY ALL
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
--   the analyst context (action, source.ip, user_agent, identity type, access key, region, AS organization) of the
--   windows over the threshold: the distinct values the tally gathered per bucket, united over the window's buckets
--   (rules/shared/context_union.sql)
candidates AS (
    SELECT
        c.window_end - to_minutes($window_minutes) AS window_start,
        c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count,
        {{context_union}}
    FROM window_counts c
    JOIN {{tally}} b
      ON b.user_arn = c.user_arn AND b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id
     AND b.bucket_start >= c.window_end - to_minutes($window_minutes) AND b.bucket_start < c.window_end
    GROUP BY c.window_end, c.user_arn, c.account_id, c.model_id, c.inference_call_count
)
-- | keep ...
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT window_start, window_end, user_arn, account_id, model_id, inference_call_count, event_actions, source_ips,
       user_agents, identity_types, access_key_ids, regions, source_as_orgs, source_asns, first_seen, last_seen
FROM candidates
ORDER BY window_end, inference_call_count DESC, model_id
