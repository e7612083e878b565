-- Test helper, not product code: writes CloudTrail records as Elastic's AWS CloudTrail integration indexes them
-- (logs-aws.cloudtrail-*), one _source document a line, without event.original, with request_parameters and
-- additional_eventdata in Java's Map toString form and no flattened copy, so that ingest has to map every field back.
COPY (
    WITH events AS ({{events}}), shaped AS (
        SELECT *,
            userIdentity->'$.sessionContext.sessionIssuer' AS issuer,
            '{' || array_to_string(list_transform(json_keys(requestParameters),
                                                  k -> k || '=' || json_extract_string(requestParameters, k)), ', ') || '}' AS map_text,
            '{' || array_to_string(list_transform(json_keys(additionalEventData),
                                                  k -> k || '=' || json_extract_string(additionalEventData, k)), ', ') || '}' AS additional_map_text
        FROM events
    )
    SELECT
        strftime(CAST(eventTime AS TIMESTAMPTZ), '%Y-%m-%dT%H:%M:%S.%gZ') AS "@timestamp",
        {'version': '8.11.0'} AS ecs,
        {'id': eventID, 'provider': eventSource, 'action': eventName, 'kind': 'event', 'dataset': 'aws.cloudtrail',
         'outcome': CASE WHEN errorCode IS NULL AND errorMessage IS NULL THEN 'success' ELSE 'failure' END} AS event,
        {'cloudtrail': {
            'event_version': eventVersion, 'event_type': eventType, 'event_category': eventCategory,
            'error_code': errorCode, 'error_message': errorMessage, 'request_id': requestID,
            'recipient_account_id': recipientAccountId, 'read_only': readOnly, 'management_event': managementEvent,
            'request_parameters': CASE WHEN requestParameters IS NOT NULL THEN map_text END,
            'additional_eventdata': CASE WHEN additionalEventData IS NOT NULL THEN additional_map_text END,
            'user_identity': {
                'type': userIdentity->>'$.type', 'arn': userIdentity->>'$.arn',
                'access_key_id': userIdentity->>'$.accessKeyId', 'invoked_by': userIdentity->>'$.invokedBy',
                'session_context': {
                    'mfa_authenticated': userIdentity->>'$.sessionContext.attributes.mfaAuthenticated',
                    'session_issuer': CASE WHEN issuer->>'$.type' IS NOT NULL THEN {
                        'type': issuer->>'$.type', 'arn': issuer->>'$.arn', 'principal_id': issuer->>'$.principalId',
                        'account_id': issuer->>'$.accountId'} END}}}} AS aws,
        {'id': userIdentity->>'$.principalId',
         'name': coalesce(issuer->>'$.userName', userIdentity->>'$.userName')} AS "user",
        {'account': {'id': userIdentity->>'$.accountId'}, 'region': awsRegion} AS cloud,
        {'address': sourceIPAddress,
         'ip': CASE WHEN regexp_full_match(sourceIPAddress, '[0-9.]+|[0-9A-Fa-f:]+') THEN sourceIPAddress END} AS source,
        {'original': userAgent} AS user_agent
    FROM shaped
) TO {{file}} (FORMAT json)
