-- The alerts a correct implementation of each rule raises on the generated events, from gen_candidates.
-- Per rule and group of its suppression keys (their values as JSON, a missing value being a group of its own):
-- the first candidate opens an alert; candidates ending before its window end + the suppression duration fold into
-- it; the first one at or after that opens the next alert. The alert reports the candidate of its opening window end
-- with the most calls (then the smallest model id). Its id is the UUID-shaped md5 of
-- [rule id, the suppression keys' values, the opening window end as %Y-%m-%dT%H:%M:%SZ] as JSON (docs/rules.md).
-- case_name: the planted case whose principal(s) it is about; NULL for background traffic.
CREATE OR REPLACE TEMP TABLE gen_alerts AS
WITH RECURSIVE keyed AS (
    SELECT c.*, r.rule_id, r.suppression_minutes,
           list_transform(r.suppress_by, k -> CASE k
               WHEN 'user_arn' THEN c.user_arn WHEN 'account_id' THEN c.account_id
               WHEN 'model_id' THEN c.model_id WHEN 'source_ip' THEN c.source_ip
               WHEN 'access_key_id' THEN c.access_key_id END) AS key_values
    FROM gen_candidates c
    JOIN gen_rules r USING (rule_key)
), grouped AS (
    SELECT *, to_json(key_values)::VARCHAR AS group_key FROM keyed
), opened(rule_key, group_key, window_end) AS (
    SELECT rule_key, group_key, min(window_end) FROM grouped GROUP BY rule_key, group_key
    UNION ALL
    SELECT o.rule_key, o.group_key, min(g.window_end)
    FROM opened o
    JOIN grouped g
      ON g.rule_key = o.rule_key AND g.group_key = o.group_key
     AND g.window_end >= o.window_end + to_minutes(g.suppression_minutes)
    GROUP BY o.rule_key, o.group_key
), openers AS (
    SELECT g.*
    FROM opened o
    JOIN grouped g USING (rule_key, group_key, window_end)
    QUALIFY row_number() OVER (PARTITION BY g.rule_key, g.group_key, g.window_end ORDER BY g.calls DESC, g.model_id) = 1
), hashed AS (
    SELECT *, md5(to_json(list_concat([rule_id], key_values, [strftime(window_end, '%Y-%m-%dT%H:%M:%SZ')]))::VARCHAR) AS h
    FROM openers
)
SELECT a.rule_key, a.rule_id,
       concat_ws('-', h[1:8], h[9:12], h[13:16], h[17:20], h[21:32]) AS alert_id,
       a.window_end, a.user_arn, a.account_id, a.model_id, a.source_ip, a.user_arns, a.calls, a.access_key_id,
       (SELECT min(p.case_name) FROM gen_principals p
        WHERE p.pool = 'planted' AND p.account_id = a.account_id
          AND (p.arn = a.user_arn OR list_contains(a.user_arns, p.arn))) AS case_name
FROM hashed a;
