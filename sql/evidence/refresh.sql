-- Evidence and timeline of the alerts in evidence_alerts, from the events the rule counts (its counted_events_sql):
-- an event belongs to an alert of its suppression group ({{counted_match}}: the rule's suppression keys) and model.
CREATE OR REPLACE TEMP TABLE evidence_counted AS
SELECT * FROM ({{counted}});

-- alert_events: each counted event of the alert's principal on one of its models, inside its windows
-- (from the opening window's start to suppression_end), with the columns an analyst pivots on.
INSERT INTO alert_events BY NAME
SELECT t.alert_id, t.rule_id, x.event_id, x.event_time, x.event_name, x.user_arn, x.account_id, k.model_id,
       x.source_ip, x.source_ip_address, x.user_agent, x.user_type, x.access_key_id, x.region, x.request_id,
       x.source_file, $run_id AS detect_run_id
FROM evidence_counted k
JOIN evidence_alerts t
  ON {{counted_match}} AND t.model_id = k.model_id
 AND k.event_time >= t.window_start AND k.event_time < t.suppression_end
JOIN cloudtrail_events x ON x.rowid = k.event_row AND x.event_time = k.event_time
WHERE x.event_time >= $range_start AND x.event_time < $range_end;

-- alert_timeline: calls per interval bucket from range_start to range_end, empty buckets as 0, and the calls of
-- the window ending with each bucket (what the threshold is compared with).
INSERT INTO alert_timeline BY NAME
WITH bucket_counts AS (
    SELECT t.alert_id, t.model_id,
           time_bucket(to_minutes($interval_minutes), k.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           count(*) AS calls
    FROM evidence_counted k
    JOIN evidence_alerts t
      ON {{counted_match}} AND t.model_id = k.model_id
     AND k.event_time >= t.range_start - to_minutes($window_minutes) AND k.event_time < t.range_end
    GROUP BY ALL
),
series AS (
    SELECT t.alert_id, t.rule_id, t.user_arn, t.account_id, t.model_id, t.window_start, t.suppression_end,
           t.range_start,
           unnest(generate_series(
               time_bucket(to_minutes($interval_minutes), t.range_start - to_minutes($window_minutes), TIMESTAMPTZ '1970-01-01 00:00:00+00'),
               t.range_end - to_minutes(1),
               to_minutes($interval_minutes))) AS bucket_start
    FROM evidence_alerts t
),
filled AS (
    SELECT s.*, coalesce(b.calls, 0) AS calls,
           sum(coalesce(b.calls, 0)) OVER (
               PARTITION BY s.alert_id, s.model_id ORDER BY s.bucket_start
               RANGE BETWEEN to_minutes($window_minutes - $interval_minutes) PRECEDING AND CURRENT ROW) AS window_calls
    FROM series s
    LEFT JOIN bucket_counts b USING (alert_id, model_id, bucket_start)
)
SELECT alert_id, rule_id, user_arn, account_id, model_id, bucket_start,
       bucket_start + to_minutes($interval_minutes) AS bucket_end, calls, window_calls::BIGINT AS window_calls,
       bucket_start >= window_start AND bucket_start < suppression_end AS in_alert, $run_id AS detect_run_id
FROM filled
WHERE bucket_start >= range_start;

DROP TABLE evidence_counted;
DROP TABLE evidence_alerts;
