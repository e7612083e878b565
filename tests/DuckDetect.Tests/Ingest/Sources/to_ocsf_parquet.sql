-- Test helper, not product code: writes CloudTrail records as Amazon Security Lake source version 2 would, OCSF 1.1
-- API Activity (class 6003) in Parquet, partitioned as region=<r>/accountId=<a>/eventDay=<yyyyMMdd>/.
COPY (
    WITH events AS ({{events}})
    SELECT
        6003 AS class_uid,
        'API Activity' AS class_name,
        6 AS category_uid,
        'Application Activity' AS category_name,
        99 AS activity_id,
        600399 AS type_uid,
        1 AS severity_id,
        CASE WHEN errorCode IS NULL AND errorMessage IS NULL THEN 1 ELSE 2 END AS status_id,
        epoch_ms(CAST(eventTime AS TIMESTAMPTZ)) AS "time",
        {'uid': eventID, 'version': '1.1.0', 'event_code': eventType, 'profiles': ['cloud', 'datetime'],
         'product': {'name': 'CloudTrail', 'vendor_name': 'AWS', 'version': eventVersion,
                     'feature': {'name': coalesce(eventCategory, 'Management, Data, and Insights')}}} AS metadata,
        {'operation': eventName,
         'service': {'name': eventSource},
         'request': {'uid': requestID, 'data': CAST(requestParameters AS VARCHAR)},
         'response': {'error': errorCode, 'message': errorMessage, 'data': CAST(responseElements AS VARCHAR)}} AS api,
        {'user': {'type': userIdentity->>'$.type', 'uid': userIdentity->>'$.arn', 'uid_alt': userIdentity->>'$.principalId',
                  'name': userIdentity->>'$.userName', 'credential_uid': userIdentity->>'$.accessKeyId',
                  'account': {'uid': userIdentity->>'$.accountId'}},
         'session': {'issuer': userIdentity->>'$.sessionContext.sessionIssuer.arn',
                     'is_mfa': TRY_CAST(userIdentity->>'$.sessionContext.attributes.mfaAuthenticated' AS BOOLEAN)},
         'invoked_by': userIdentity->>'$.invokedBy'} AS actor,
        {'ip': CASE WHEN regexp_full_match(sourceIPAddress, '[0-9.]+|[0-9A-Fa-f:]+') THEN sourceIPAddress END,
         'domain': CASE WHEN NOT regexp_full_match(sourceIPAddress, '[0-9.]+|[0-9A-Fa-f:]+') THEN sourceIPAddress END,
         'uid': vpcEndpointId} AS src_endpoint,
        {'user_agent': userAgent} AS http_request,
        {'provider': 'AWS', 'region': awsRegion} AS cloud,
        map_from_entries(list_filter([
            {'key': 'recipientAccountId', 'value': recipientAccountId},
            {'key': 'readOnly', 'value': CAST(readOnly AS VARCHAR)},
            {'key': 'managementEvent', 'value': CAST(managementEvent AS VARCHAR)},
            {'key': 'sharedEventID', 'value': sharedEventID},
            {'key': 'userIdentity.sessionContext.sessionIssuer.type', 'value': userIdentity->>'$.sessionContext.sessionIssuer.type'},
            {'key': 'userIdentity.sessionContext.sessionIssuer.userName', 'value': userIdentity->>'$.sessionContext.sessionIssuer.userName'},
            {'key': 'additionalEventData', 'value': CAST(additionalEventData AS VARCHAR)}
        ], e -> e.value IS NOT NULL)) AS unmapped,
        awsRegion AS region,
        coalesce(userIdentity->>'$.accountId', recipientAccountId) AS accountId,
        strftime(CAST(eventTime AS TIMESTAMPTZ), '%Y%m%d') AS eventDay
    FROM events
) TO {{folder}} (FORMAT parquet, COMPRESSION gzip, PARTITION_BY (region, accountId, eventDay), FILENAME_PATTERN 'data_{i}.gz')
