-- A new exception (exceptions add): its values as given, and as matching compares them (CIDRs as prefix bits).
-- Numbered by the sequence, or $exception_id when given (a what-if run's hypothetical exceptions).
INSERT INTO rule_exceptions (exception_id, rule_id, field, operator, "values", match_values, reason, expires_at,
                             created_by, created_at)
VALUES (coalesce($exception_id, nextval('rule_exception_seq')), $rule_id, $field, $op, $values, $match_values, $reason, $expires_at,
        $by, $now)
RETURNING exception_id;
