-- What a consumer has not been sent: per alert, its latest change after the consumer's cursor ($cursor) up to the
-- newest change when the read began ($upto), with the alert as it is now (its latest retraction, for an alert
-- retracted). Each record keeps the alert's public columns and adds how it changed, its version and a stable
-- delivery key (alert id and version), so that a receiver can drop a record it was sent before. The placeholder picks
-- the changes (a fragment with no comment of its own): those after the cursor (delivery/after_cursor.sql), or for a
-- destination that takes triage, each alert triaged after its triage cursor ($triage_cursor, up to $triage_upto) at
-- its latest change up to $upto, so that the record carries the alert with its current triage
-- (destinations/triaged.sql).
WITH latest AS (
    SELECT *
    FROM alert_changes
    WHERE {{changes}}
    QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY change_seq DESC) = 1
),
retractions AS (
    SELECT *
    FROM retracted_alerts
    WHERE alert_id IN (SELECT alert_id FROM latest WHERE change = 'retracted')
    QUALIFY row_number() OVER (PARTITION BY alert_id ORDER BY retracted_at DESC) = 1
),
records AS (
    SELECT l.change_seq, l.version, l.change, l.changed_at, a.*,
           NULL::TIMESTAMPTZ AS retracted_at, NULL::VARCHAR AS retraction_reason
    FROM latest l
    JOIN alerts a USING (alert_id)
    WHERE l.change <> 'retracted'
    UNION ALL BY NAME
    SELECT l.change_seq, l.version, l.change, l.changed_at, r.* EXCLUDE (detect_run_id)
    FROM latest l
    JOIN retractions r USING (alert_id)
    WHERE l.change = 'retracted'
)
SELECT change_seq AS ChangeSeq,
       json_merge_patch({{alert_json}}, to_json({
           change: change,
           alert_version: version,
           delivery_key: alert_id || '/' || version,
           change_seq: change_seq,
           changed_at: strftime(timezone('UTC', changed_at), '%Y-%m-%dT%H:%M:%S.%fZ'),
           retracted_at: strftime(timezone('UTC', retracted_at), '%Y-%m-%dT%H:%M:%S.%fZ'),
           retraction_reason: retraction_reason
       }))::VARCHAR AS Json
FROM records
LEFT JOIN ({{triage}}) USING (alert_id)
ORDER BY change_seq
