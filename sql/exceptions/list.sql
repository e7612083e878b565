-- The exceptions (exceptions list): active ones, or with $all the removed ones too, oldest first.
SELECT exception_id AS ExceptionId, rule_id AS RuleId, field AS Field, operator AS Operator,
       to_json("values")::VARCHAR AS ValuesJson, reason AS Reason, expires_at AS ExpiresAt,
       created_by AS CreatedBy, created_at AS CreatedAt, removed_by AS RemovedBy, removed_at AS RemovedAt,
       removed_reason AS RemovedReason
FROM rule_exceptions
WHERE ($all OR removed_at IS NULL)
  AND ($rule_id IS NULL OR rule_id = $rule_id)
ORDER BY exception_id;
