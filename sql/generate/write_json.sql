-- One row per delivery file with its whole {"Records":[...]} document (records in time order), for the caller
-- to compress and write. Each record's JSON text is assembled directly (to_json on nested values is far slower);
-- free-text values go through to_json for escaping, the generator's own ids and names need none. Keys that
-- CloudTrail leaves out when they have no value (errorCode, errorMessage, additionalEventData, tlsDetails) are
-- left out; requestParameters and responseElements are written as null, as CloudTrail does.
-- $first_file..$last_file: the files of one chunk of the day (a day at a time would hold all its documents in memory).
WITH records AS (
    SELECT
        gen_delivery_no(d.file_no, g.file_minutes) AS file_no, d.event_time, d.event_id,
        concat(
            '{"eventVersion":"', d.event_version,
            '","userIdentity":', i.ui_json,
            ',"eventTime":"', gen_iso(d.event_time),
            '","eventSource":"', d.event_source,
            '","eventName":"', d.event_name,
            '","awsRegion":"', d.aws_region,
            '","sourceIPAddress":"', d.source_ip,
            '","userAgent":', to_json(d.user_agent),
            CASE WHEN d.error_code IS NOT NULL THEN
                concat(',"errorCode":"', d.error_code, '","errorMessage":', coalesce(to_json(d.error_message)::VARCHAR, 'null')) END,
            ',"requestParameters":', coalesce(d.request_parameters::VARCHAR, 'null'),
            ',"responseElements":', coalesce(d.response_elements::VARCHAR, 'null'),
            CASE WHEN d.additional_event_data IS NOT NULL THEN concat(',"additionalEventData":', d.additional_event_data) END,
            ',"requestID":"', d.request_id,
            '","eventID":"', d.event_id,
            '","readOnly":', d.read_only,
            ',"eventType":"', d.event_type,
            '","managementEvent":true,"recipientAccountId":"', d.recipient_account_id,
            '","eventCategory":"Management"',
            CASE WHEN d.tls_host IS NOT NULL THEN concat(
                ',"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"',
                d.tls_host, '"}') END,
            '}') AS record
    FROM gen_day d
    JOIN gen_identities i ON i.principal_no = d.principal_no AND i.hour = hour(d.event_time)
    CROSS JOIN gen_params g
    WHERE d.file_no BETWEEN $first_file AND $last_file
), documents AS (
    SELECT file_no, concat('{"Records":[', string_agg(record, ',' ORDER BY event_time, event_id), ']}') AS content
    FROM records
    GROUP BY file_no
)
SELECT f.relative_path || '.json.gz' AS RelativePath, f.events AS Events, d.content AS Content
FROM documents d
JOIN gen_day_files f USING (file_no)
