-- One rule of published.rules, from its definition file (JSON) and its query (into publish_rules, see sources.sql).
INSERT INTO publish_rules
SELECT d->>'id', d->>'name', d->>'description', d->>'severity', CAST(d->>'risk_score' AS INTEGER),
       CAST(d->>'threshold' AS BIGINT), CAST(d->>'window_minutes' AS INTEGER), CAST(d->>'interval_minutes' AS INTEGER),
       CAST(d->>'$.suppression.duration_minutes' AS INTEGER), CAST(d->'$.suppression.group_by' AS VARCHAR[]),
       coalesce(CAST(d->'tags' AS VARCHAR[]), []), coalesce(CAST(d->'references' AS VARCHAR[]), []), $query, d
FROM (SELECT CAST($definition AS JSON) AS d)
