-- The alerts of the run's threshold rules (signal_rules) whose content signals must be computed now: those this run
-- created or changed ($now), those without signals yet (a database from before schema 16), and those whose span or
-- 14-day baseline takes in an invocation of the ingest batches after their rule's last_batch (late invocation logs).
-- One row per alert and principal (a credential-distributed alert has several, its user_arns); the span is
-- [window_start, suppression_end). Each row carries its rule's run id, severity and risk score.
CREATE OR REPLACE TEMP TABLE signal_targets AS
WITH alert_principals AS (
    SELECT a.alert_id, a.rule_id, a.account_id, a.model_id, a.window_start AS span_start, a.suppression_end AS span_end,
           a.updated_at, r.last_batch,
           unnest(CASE WHEN a.user_arn IS NOT NULL THEN [a.user_arn] ELSE coalesce(a.user_arns, []) END) AS principal_arn
    FROM alerts a
    JOIN signal_rules r USING (rule_id)
),
-- The new batches' invocations per key and batch (one read for every rule, whichever batch each took in last).
new_calls AS (
    SELECT principal_arn, account_id, model_id, ingest_batch, min(invocation_time) AS first_time, max(invocation_time) AS last_time
    FROM bedrock_invocations
    WHERE ingest_batch > (SELECT min(last_batch) FROM signal_rules) AND ingest_batch <= $max_batch
    GROUP BY ALL
),
chosen AS (
    SELECT alert_id FROM alert_principals
    WHERE updated_at = $now OR alert_id NOT IN (SELECT alert_id FROM alert_content_signals)
    UNION
    SELECT p.alert_id
    FROM alert_principals p
    JOIN new_calls n
      ON n.principal_arn = p.principal_arn AND n.account_id = p.account_id AND n.model_id = p.model_id
     AND n.ingest_batch > p.last_batch
     AND n.last_time >= p.span_start - INTERVAL 14 DAY AND n.first_time < p.span_end
)
SELECT p.alert_id, p.rule_id, p.account_id, p.model_id, p.span_start, p.span_end, p.principal_arn,
       r.run_id, r.severity, r.risk_score
FROM alert_principals p
JOIN signal_rules r USING (rule_id)
WHERE p.alert_id IN (SELECT alert_id FROM chosen);
