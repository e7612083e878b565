-- What a correct implementation of the rule raises on the generated events, computed from gen_window_buckets.
-- windows: successful calls per (arn, account, model) in [E - 60 min, E), E on every 10-minute mark.
-- candidates: windows with >= 500 calls.
-- alerts: per (arn, account), the first candidate opens an alert; candidates ending before its end + 60 minutes
-- fold into it; the next later one opens the next alert. The model and count reported are the candidate's
-- with the most calls at the alert's window end.
CREATE OR REPLACE TEMP TABLE gen_windows AS
SELECT b.arn, b.account_id, b.model_id, b.bucket + to_minutes(10 * o.k) AS window_end, sum(b.calls)::BIGINT AS calls
FROM gen_window_buckets b
CROSS JOIN (SELECT unnest(range(1, 7)) AS k) o
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE gen_alerts AS
WITH RECURSIVE candidates AS (
    SELECT * FROM gen_windows WHERE calls >= 500
), opened(arn, account_id, window_end) AS (
    SELECT arn, account_id, min(window_end) FROM candidates GROUP BY arn, account_id
    UNION ALL
    SELECT o.arn, o.account_id, min(c.window_end)
    FROM opened o
    JOIN candidates c ON c.arn = o.arn AND c.account_id = o.account_id AND c.window_end >= o.window_end + INTERVAL 60 MINUTE
    GROUP BY o.arn, o.account_id
)
SELECT o.arn, o.account_id, o.window_end, c.model_id, c.calls
FROM opened o
JOIN candidates c USING (arn, account_id, window_end)
QUALIFY row_number() OVER (PARTITION BY o.arn, o.account_id, o.window_end ORDER BY c.calls DESC, c.model_id) = 1;
