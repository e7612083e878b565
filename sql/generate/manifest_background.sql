-- Checks on the background (non-planted) traffic: its highest window count and the alerts it would raise
-- (there must be none: its pairs are capped at 480 calls per window).
SELECT
    (SELECT coalesce(max(w.calls), 0) FROM gen_windows w
     WHERE NOT EXISTS (SELECT 1 FROM gen_principals p WHERE p.arn = w.arn AND p.account_id = w.account_id AND p.pool = 'planted'))::BIGINT AS MaxWindowCalls,
    (SELECT count(*) FROM gen_alerts a
     WHERE NOT EXISTS (SELECT 1 FROM gen_principals p WHERE p.arn = a.arn AND p.account_id = a.account_id AND p.pool = 'planted'))::BIGINT AS Alerts
