-- The alerts in evidence_appending (marks.sql: evidence gathered before from the same basis) take in the counted
-- events of the ingest batches after their marks, up to $max_batch, inside [$range_start, $range_end)
-- (append_range.sql): new alert_events rows with this run, and their calls added to the timeline buckets they fall in
-- and to the window calls of every bucket whose window takes them in. What refresh.sql would write from all of the
-- alert's events, without reading them again. The rule's counted events query reads evidence_alerts (its
-- principals), so that table holds these alerts here. The events are the rule's source's (evidence_source, as in
-- refresh.sql).
CREATE OR REPLACE TEMP TABLE evidence_alerts AS
SELECT * EXCLUDE (last_batch) FROM evidence_appending;

CREATE OR REPLACE TEMP TABLE evidence_new AS
SELECT t.alert_id, t.rule_id, t.model_id AS alert_model_id, t.window_start, t.suppression_end,
       x.event_id, x.event_time, x.event_name, x.user_arn, x.account_id, k.model_id, x.source_ip, x.source_ip_address,
       x.user_agent, x.user_type, x.access_key_id, x.region, x.request_id, x.source_file
FROM ({{counted}}) k
JOIN evidence_appending t
  ON {{counted_match}} AND {{model_match}}
 AND k.event_time >= t.range_start - to_minutes($window_minutes) AND k.event_time < t.range_end
JOIN {{evidence_source}} x ON x.rowid = k.event_row AND x.event_time = k.event_time
WHERE x.event_time >= $range_start AND x.event_time < $range_end
  AND x.ingest_batch > t.last_batch AND x.ingest_batch <= $max_batch;

INSERT INTO alert_events BY NAME
SELECT n.* EXCLUDE (alert_model_id, window_start, suppression_end), m.source_asn, m.source_as_org, $run_id AS detect_run_id
FROM evidence_new n
LEFT JOIN source_ip_as m ON m.source_ip = n.source_ip
WHERE n.event_time >= n.window_start - to_minutes($evidence_before_minutes) AND n.event_time < n.suppression_end;

CREATE OR REPLACE TEMP TABLE evidence_delta AS
SELECT alert_id, alert_model_id AS model_id,
       time_bucket(to_minutes($interval_minutes), event_time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
       count(*) AS calls
FROM evidence_new
GROUP BY ALL;

-- A bucket's window calls are those of the buckets from a window less an interval before it to itself (refresh.sql).
UPDATE alert_timeline AS l
SET calls = l.calls + d.calls, window_calls = l.window_calls + d.window_calls
FROM (
    SELECT l.alert_id, l.model_id, l.bucket_start,
           coalesce(sum(b.calls) FILTER (WHERE b.bucket_start = l.bucket_start), 0)::BIGINT AS calls,
           sum(b.calls)::BIGINT AS window_calls
    FROM alert_timeline l
    JOIN evidence_delta b
      ON b.alert_id = l.alert_id AND b.model_id IS NOT DISTINCT FROM l.model_id
     AND b.bucket_start <= l.bucket_start
     AND b.bucket_start >= l.bucket_start - to_minutes($window_minutes - $interval_minutes)
    WHERE l.rule_id = $rule_id AND l.alert_id IN (SELECT alert_id FROM evidence_delta)
    GROUP BY ALL
) d
WHERE l.rule_id = $rule_id AND l.alert_id = d.alert_id AND l.model_id IS NOT DISTINCT FROM d.model_id
  AND l.bucket_start = d.bucket_start;

-- A timeline that changed carries this run, every bucket of it, as one gathered again whole does.
UPDATE alert_timeline SET detect_run_id = $run_id
WHERE rule_id = $rule_id AND alert_id IN (SELECT alert_id FROM evidence_delta);

DROP TABLE evidence_new;
DROP TABLE evidence_delta;
DROP TABLE evidence_alerts;
