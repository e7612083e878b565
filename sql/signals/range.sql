-- The invocation time the targets read (their baselines and spans), and how many targets there are: the bounds let
-- DuckDB skip the row groups of bedrock_invocations outside them.
SELECT count(DISTINCT alert_id) AS Alerts, min(span_start) - INTERVAL 14 DAY AS RangeStart, max(span_end) AS RangeEnd
FROM signal_targets
