-- The same events as Parquet, one file per delivery file (in partition folders file_no=N/ that the caller
-- moves into the S3 layout), with CloudTrail's field names: userIdentity and tlsDetails as nested structs;
-- requestParameters, responseElements and additionalEventData (whose shape differs per API) as JSON text.
-- One thread: with more, a partition can be split over two files, and which rows go where is not deterministic.
SET threads = 1;

COPY (
    SELECT
        d.file_no,
        d.event_version         AS eventVersion,
        i.ui_struct             AS userIdentity,
        gen_iso(d.event_time)   AS eventTime,
        d.event_source          AS eventSource,
        d.event_name            AS eventName,
        d.aws_region            AS awsRegion,
        d.source_ip             AS sourceIPAddress,
        d.user_agent            AS userAgent,
        d.error_code            AS errorCode,
        d.error_message         AS errorMessage,
        d.request_parameters    AS requestParameters,
        d.response_elements     AS responseElements,
        d.additional_event_data AS additionalEventData,
        d.request_id            AS requestID,
        d.event_id              AS eventID,
        d.read_only             AS readOnly,
        d.event_type            AS eventType,
        true                    AS managementEvent,
        d.recipient_account_id  AS recipientAccountId,
        'Management'            AS eventCategory,
        CASE WHEN d.tls_host IS NOT NULL THEN
            {'tlsVersion': 'TLSv1.3', 'cipherSuite': 'TLS_AES_128_GCM_SHA256', 'clientProvidedHostHeader': d.tls_host} END AS tlsDetails
    FROM gen_day d
    JOIN gen_identities i ON i.principal_no = d.principal_no AND i.hour = hour(d.event_time)
    ORDER BY d.file_no, d.event_time, d.event_id
) TO {{folder}} (FORMAT parquet, PARTITION_BY (file_no));

RESET threads;
