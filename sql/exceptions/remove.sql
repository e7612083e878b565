-- Removes an active exception (exceptions remove): the row stays, with who removed it, when and why.
UPDATE rule_exceptions
SET removed_at = $now, removed_by = $by, removed_reason = $reason
WHERE exception_id = $exception_id
  AND removed_at IS NULL;
