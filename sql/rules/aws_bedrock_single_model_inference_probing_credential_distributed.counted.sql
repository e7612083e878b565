-- The events the rule counts (its where and grok stages, as in its query), for the evidence and timelines of
-- alerts: the engine keeps alert_events and alert_timeline from this.
--   input   cloudtrail_events; $range_start, $range_end (event time); evidence_alerts (the alerts whose evidence
--           is gathered, by account_id and source_ip)
--   output  event_row, event_time, user_arn, account_id, source_ip, model_id
SELECT *
FROM (
    SELECT e.rowid AS event_row, e.event_time, e.user_arn, e.account_id, e.source_ip,
           regexp_extract(e.request_parameters, '"modelId"\s*:\s*"([^"]+)"', 1) AS model_id
    FROM cloudtrail_events e
    WHERE e.event_time >= $range_start
      AND e.event_time < $range_end
      AND e.event_source = 'bedrock.amazonaws.com'
      AND e.event_name IN ('InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream')
      AND e.error_code IS NULL
      AND e.error_message IS NULL
      AND e.user_arn IS NOT NULL
      AND e.request_parameters IS NOT NULL
      AND e.source_ip IN (SELECT source_ip FROM evidence_alerts)
)
WHERE model_id <> ''
