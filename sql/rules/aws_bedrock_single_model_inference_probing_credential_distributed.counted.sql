-- The events the rule counts (its where and grok stages, as in its query), for the evidence and timelines of
-- alerts: the engine keeps alert_events and alert_timeline from this.
--   input   cloudtrail_events; $range_start, $range_end (event time); evidence_alerts (the alerts whose evidence
--           is gathered, by account_id and source_ip)
--   output  event_row, event_time, user_arn, account_id, source_ip, model_id
SELECT *
FROM (
    SELECT rowid AS event_row, event_time, user_arn, account_id, source_ip,
           {{model_id}} AS model_id
    FROM cloudtrail_events
    WHERE event_time >= $range_start
      AND event_time < $range_end
      AND {{counted_calls}}
      AND source_ip IN (SELECT source_ip FROM evidence_alerts)
)
WHERE model_id <> ''
