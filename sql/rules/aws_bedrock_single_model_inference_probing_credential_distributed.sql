-- AWS Bedrock Credential-Distributed Single-Model Inference Probing (ad077b94-32a3-470b-82cf-05975564baa9),
-- written in the seed rule's stages (its where and grok unchanged, in the shared tally), counting per source IP
-- instead of per principal.
--
-- Contract with the engine: as the seed rule's (aws_bedrock_single_model_inference_probing.sql), with the settings
--           $threshold (calls of the group), $min_principals, $principal_cap (no principal reaches it alone)
--   output  one row per (window, account, model, source IP) that fires, with the columns of detection_candidates
--           it fills: user_arn is NULL (there is no single principal), user_arns lists the principals.
-- A window ending at E covers event times [E - window, E); E is a multiple of the interval since the Unix epoch.
WITH
-- from logs-aws.cloudtrail-* | where ... | grok ...   (as the seed rule: the tally)
--   and source.ip IS NOT NULL  (source_ip holds IP addresses only: calls made through an AWS service, logged with
--   the service's name, have none and do not count)
-- | stats calls = count(*) by account, model, source.ip, arn        per interval bucket (the tally's own groups)
-- each window adds up the window/interval buckets before its end, per principal
principal_windows AS (
    SELECT b.window_end, b.account_id, b.model_id, b.source_ip, b.user_arn, sum(b.calls)::BIGINT AS calls
    FROM (
        SELECT account_id, model_id, source_ip, user_arn, calls,
               unnest(generate_series(bucket_start + to_minutes($interval_minutes),
                                      bucket_start + to_minutes($window_minutes),
                                      to_minutes($interval_minutes))) AS window_end
        FROM {{tally}}
        WHERE source_ip IS NOT NULL
    ) b
    WHERE b.window_end BETWEEN $first_end AND $last_end
    GROUP BY ALL
),
-- | stats Esql.inference_call_count = sum(calls), principals = count_distinct(arn), busiest = max(calls)
--   by account, model, source.ip
-- | where Esql.inference_call_count >= 500 and principals >= 3 and busiest < 500
window_counts AS (
    SELECT window_end, account_id, model_id, source_ip,
           sum(calls)::BIGINT AS inference_call_count,
           max(calls)::BIGINT AS max_principal_calls,
           list(user_arn ORDER BY user_arn) AS user_arns
    FROM principal_windows
    GROUP BY ALL
    HAVING sum(calls) >= $threshold
       AND count(*) >= $min_principals
       AND max(calls) < $principal_cap
),
-- | stats ... VALUES(event.action), VALUES(aws.cloudtrail.user_identity.access_key_id), ...
--   the analyst context of the groups that fire, united over the window's buckets (as the seed rule)
candidates AS (
    SELECT
        c.window_end - to_minutes($window_minutes) AS window_start,
        c.window_end, c.account_id, c.model_id, c.source_ip, c.inference_call_count, c.max_principal_calls,
        c.user_arns,
        {{context_union}}
    FROM window_counts c
    JOIN {{tally}} b
      ON b.account_id IS NOT DISTINCT FROM c.account_id AND b.model_id = c.model_id AND b.source_ip = c.source_ip
     AND b.bucket_start >= c.window_end - to_minutes($window_minutes) AND b.bucket_start < c.window_end
    GROUP BY c.window_end, c.account_id, c.model_id, c.source_ip, c.inference_call_count, c.max_principal_calls, c.user_arns
)
-- | sort Esql.inference_call_count desc        (per window; suppression takes windows in time order)
SELECT window_start, window_end, NULL::VARCHAR AS user_arn, account_id, model_id, source_ip, user_arns,
       max_principal_calls, inference_call_count, event_actions, source_ips, user_agents, identity_types,
       access_key_ids, regions, source_as_orgs, source_asns, first_seen, last_seen
FROM candidates
ORDER BY window_end, inference_call_count DESC, model_id
