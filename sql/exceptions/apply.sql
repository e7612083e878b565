-- Marks the candidates of one span of windows that an exception excepts (exception_id: the lowest id among the
-- active exceptions of the rule that match, for a window ending before the exception's expiry), after the rule
-- counted them and before suppression, which skips them. Runs only when the rule has active exceptions, after
-- macros.sql. The candidates' table is filled in below: detection_candidates, or tune's tune_candidates. (A join, not a
-- correlated subquery: DuckDB cannot bind lambdas in a correlated subquery.)
UPDATE {{candidates}} AS c
SET exception_id = m.exception_id
FROM (
    SELECT x.rowid AS candidate_row, min(e.exception_id) AS exception_id
    FROM {{candidates}} x
    JOIN rule_exceptions e
      ON e.rule_id = x.rule_id
     AND e.removed_at IS NULL
     AND (e.expires_at IS NULL OR x.window_end < e.expires_at)
    WHERE x.rule_id = $rule_id
      AND x.window_end BETWEEN $first_end AND $last_end
      AND dd_all_match(dd_field_values(e.field, coalesce(x.user_arns, [x.user_arn]), x.account_id, x.model_id,
                                       x.user_agents, x.source_ips, x.access_key_ids, x.identity_types),
                       e.operator, e.match_values)
    GROUP BY x.rowid
) m
WHERE c.rowid = m.candidate_row;
