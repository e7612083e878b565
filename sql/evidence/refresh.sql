-- Evidence and timeline of the alerts in evidence_alerts, from the events the rule counts (its counted_events_sql):
-- an event belongs to an alert of its suppression group ({{counted_match}}: the rule's suppression keys) and model.
CREATE OR REPLACE TEMP TABLE evidence_counted AS
SELECT * FROM ({{counted}});

-- The evidence as it is now: each counted event of the alert's principal on one of its models, inside its windows
-- (from the opening window's start to suppression_end; a sequence's first steps up to its span before), with the
-- columns an analyst pivots on (the source IP's AS from source_ip_as), read from the events of the alerts' windows
-- only ([$events_start, $events_end): the timelines' earlier reach is not needed here). The events are the rule's
-- source's (evidence_source: cloudtrail_events, or the invocations as invocation_columns.sql names them, whose
-- event_id is the request id).
CREATE OR REPLACE TEMP TABLE evidence_now AS
SELECT t.alert_id, t.rule_id, x.event_id, x.event_time, x.event_name, x.user_arn, x.account_id, k.model_id,
       x.source_ip, x.source_ip_address, x.user_agent, x.user_type, x.access_key_id, x.region, x.request_id,
       x.source_file, m.source_asn, m.source_as_org
FROM evidence_counted k
JOIN evidence_alerts t
  ON {{counted_match}} AND {{model_match}}
 AND k.event_time >= t.window_start - to_minutes($evidence_before_minutes) AND k.event_time < t.suppression_end
JOIN {{evidence_source}} x ON x.rowid = k.event_row AND x.event_time = k.event_time
LEFT JOIN source_ip_as m ON m.source_ip = x.source_ip
WHERE x.event_time >= $events_start AND x.event_time < $events_end;

-- alert_events: a refreshed alert whose stored evidence holds a row that the evidence now lacks (an event no longer
-- counted, as when an exception drops a model) is written again whole; any other keeps its rows and gains the new
-- ones, which carry this run. So a row is only ever removed with all of its alert's rows, and an analyst database
-- that holds an alert's rows from before a run can take just the rows that run added (publish/sync/evidence.sql).
CREATE OR REPLACE TEMP TABLE evidence_rewritten AS
SELECT DISTINCT alert_id FROM (
    SELECT * EXCLUDE (detect_run_id) FROM alert_events
    WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM evidence_alerts)
    EXCEPT ALL
    FROM evidence_now
);

DELETE FROM alert_events
WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM evidence_rewritten);

INSERT INTO alert_events BY NAME
SELECT *, $run_id AS detect_run_id FROM (
    FROM evidence_now
    EXCEPT ALL
    SELECT * EXCLUDE (detect_run_id) FROM alert_events
    WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM evidence_alerts)
);

-- alert_timeline: calls per interval bucket from range_start to range_end, empty buckets as 0, and the calls of
-- the window ending with each bucket (what the threshold is compared with).
INSERT INTO alert_timeline BY NAME
WITH bucket_counts AS (
    SELECT t.alert_id, t.model_id,
           time_bucket(to_minutes($interval_minutes), k.event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
           count(*) AS calls
    FROM evidence_counted k
    JOIN evidence_alerts t
      ON {{counted_match}} AND {{model_match}}
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
    LEFT JOIN bucket_counts b
      ON b.alert_id = s.alert_id AND b.model_id IS NOT DISTINCT FROM s.model_id AND b.bucket_start = s.bucket_start
)
SELECT alert_id, rule_id, user_arn, account_id, model_id, bucket_start,
       bucket_start + to_minutes($interval_minutes) AS bucket_end, calls, window_calls::BIGINT AS window_calls,
       bucket_start >= window_start AND bucket_start < suppression_end AS in_alert, $run_id AS detect_run_id
FROM filled
WHERE bucket_start >= range_start;

DROP TABLE evidence_counted;
DROP TABLE evidence_now;
DROP TABLE evidence_rewritten;
DROP TABLE evidence_alerts;
