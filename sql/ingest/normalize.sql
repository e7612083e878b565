-- The raw records of one batch, normalized into the shape of cloudtrail_events (as Elastic's
-- CloudTrail integration does: empty strings are absent, account = userIdentity.accountId else
-- recipientAccountId, source_ip only when sourceIPAddress is an IP address). {{account_fallback}} is empty, or (when
-- the batch has OCSF records) their accountFallback: the account of a record that names no other.
WITH raw AS (
    {{raw}}
), picked AS (
    SELECT
        raw.*,
        json_extract_string(userIdentity, [
            '$.type', '$.arn', '$.principalId', '$.userName', '$.accountId', '$.accessKeyId', '$.invokedBy',
            '$.sessionContext.sessionIssuer.type', '$.sessionContext.sessionIssuer.arn',
            '$.sessionContext.sessionIssuer.userName', '$.sessionContext.attributes.mfaAuthenticated'
        ]) AS ui,
        TRY_CAST(nullif(eventTime, '') AS TIMESTAMPTZ) AS parsed_time
    FROM raw
)
SELECT
    source_file,
    (eventVersion IS NOT NULL OR eventID IS NOT NULL OR eventTime IS NOT NULL
        OR eventSource IS NOT NULL OR eventName IS NOT NULL)      AS has_cloudtrail_fields,
    nullif(eventID, '')                                          AS event_id,
    -- A valid eventTime is finite and not before 1970, where the rule's windows are counted from: 'infinity'
    -- cannot be read back into .NET, and year 1 would have detect evaluate a hundred million windows.
    CASE WHEN parsed_time >= TIMESTAMPTZ '1970-01-01 00:00:00+00' AND isfinite(parsed_time)
         THEN parsed_time END                                    AS event_time,
    nullif(eventSource, '')                                      AS event_source,
    nullif(eventName, '')                                        AS event_name,
    nullif(eventType, '')                                        AS event_type,
    nullif(eventCategory, '')                                    AS event_category,
    nullif(eventVersion, '')                                     AS event_version,
    nullif(errorCode, '')                                        AS error_code,
    nullif(errorMessage, '')                                     AS error_message,
    nullif(ui[1], '')                                            AS user_type,
    nullif(ui[2], '')                                            AS user_arn,
    nullif(ui[3], '')                                            AS user_principal_id,
    nullif(ui[4], '')                                            AS user_name,
    nullif(ui[5], '')                                            AS user_account_id,
    nullif(ui[6], '')                                            AS access_key_id,
    nullif(ui[7], '')                                            AS invoked_by,
    nullif(ui[8], '')                                            AS session_issuer_type,
    nullif(ui[9], '')                                            AS session_issuer_arn,
    nullif(ui[10], '')                                           AS session_issuer_user_name,
    TRY_CAST(nullif(ui[11], '') AS BOOLEAN)                      AS session_mfa_authenticated,
    coalesce(nullif(ui[5], ''), nullif(recipientAccountId, ''){{account_fallback}}) AS account_id,
    nullif(recipientAccountId, '')                               AS recipient_account_id,
    nullif(awsRegion, '')                                        AS region,
    nullif(sourceIPAddress, '')                                  AS source_ip_address,
    -- IPv4 (dotted quad), or IPv6 in any of its written forms (compressed, with an embedded IPv4, with a zone).
    CASE WHEN regexp_full_match(sourceIPAddress,
            '((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])')
          OR regexp_full_match(sourceIPAddress,
            '(([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}'
            || '|([0-9A-Fa-f]{1,4}:){1,7}:'
            || '|([0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{1,4}'
            || '|([0-9A-Fa-f]{1,4}:){1,5}(:[0-9A-Fa-f]{1,4}){1,2}'
            || '|([0-9A-Fa-f]{1,4}:){1,4}(:[0-9A-Fa-f]{1,4}){1,3}'
            || '|([0-9A-Fa-f]{1,4}:){1,3}(:[0-9A-Fa-f]{1,4}){1,4}'
            || '|([0-9A-Fa-f]{1,4}:){1,2}(:[0-9A-Fa-f]{1,4}){1,5}'
            || '|[0-9A-Fa-f]{1,4}:(:[0-9A-Fa-f]{1,4}){1,6}'
            || '|:((:[0-9A-Fa-f]{1,4}){1,7}|:)'
            || '|(([0-9A-Fa-f]{1,4}:){6}|::([Ff]{4}(:0{1,4})?:)?|([0-9A-Fa-f]{1,4}:){1,4}:)'
            || '((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|0?[0-9]?[0-9])'
            || ')(%[0-9A-Za-z._-]+)?')
         THEN sourceIPAddress END                                AS source_ip,
    nullif(userAgent, '')                                        AS user_agent,
    nullif(requestID, '')                                        AS request_id,
    nullif(sharedEventID, '')                                    AS shared_event_id,
    nullif(vpcEndpointId, '')                                    AS vpc_endpoint_id,
    TRY_CAST(readOnly AS BOOLEAN)                                AS read_only,
    TRY_CAST(managementEvent AS BOOLEAN)                         AS management_event,
    CAST(requestParameters AS VARCHAR)                           AS request_parameters,
    CAST(responseElements AS VARCHAR)                            AS response_elements,
    CAST(additionalEventData AS VARCHAR)                         AS additional_event_data,
    CAST(resources AS VARCHAR)                                   AS resources,
    -- Read from the raw record once, for the rules that need them (schema 12): a Bedrock call made with a Bedrock API
    -- key, and the user an IAM call acts on (Elastic's user.target.name).
    CASE WHEN eventSource = 'bedrock.amazonaws.com'
         THEN TRY_CAST(json_extract_string(additionalEventData, '$.callWithBearerToken') AS BOOLEAN) END AS call_with_bearer_token,
    CASE WHEN eventSource = 'iam.amazonaws.com'
         THEN nullif(json_extract_string(requestParameters, '$.userName'), '') END AS request_user_name
FROM picked
