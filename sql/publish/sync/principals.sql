-- The principal views of the principals in principal_scope (principals/scope_changed.sql), or of every principal when
-- $scoped is false (the lookback changed): their rows written again from principal_timeline (principals/timeline.sql).
DELETE FROM published.principal_view_alerts WHERE NOT $scoped OR user_arn IN (SELECT user_arn FROM principal_scope);
INSERT INTO published.principal_view_alerts SELECT * FROM principal_timeline ORDER BY user_arn, account_id, view_id, position;
