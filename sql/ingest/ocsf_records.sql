-- OCSF records (Amazon Security Lake's CloudTrail mapping) turned back into the fields of record_columns.sql, so that
-- normalize.sql gives them the same meaning as raw CloudTrail. Source version 1 is OCSF 1.0.0-rc.2 (API Activity
-- 3005, Account Change 3001, Authentication 3002); source version 2 is OCSF 1.1 (API Activity 6003, and 3001, 3002).
-- The two differ in the actor: rc.2 has the principal's ARN in actor.user.uuid and its id in actor.user.uid, 1.1
-- the ARN in actor.user.uid and the id in actor.user.uid_alt. What OCSF has no attribute for is in unmapped, a map
-- (an object in JSON, a MAP in Parquet, or a list of {key, value}) whose keys are CloudTrail's field paths: a whole
-- field ("requestParameters", as JSON text) or one flattened key per leaf ("requestParameters.modelId").
-- A record of another class, or without metadata.uid or time, fails its file: Security Lake always writes them.
WITH records AS (
    {{records}}
), parsed AS (
    -- Each record is parsed once into the attributes read below (one ->> per attribute would parse it every time).
    SELECT source_file, from_json(rec, '{
        "class_uid": "VARCHAR", "time": "VARCHAR",
        "metadata": {"uid": "VARCHAR", "version": "VARCHAR", "event_code": "VARCHAR",
                     "product": {"version": "VARCHAR", "feature": {"name": "VARCHAR"}}},
        "api": {"operation": "VARCHAR", "service": {"name": "VARCHAR"},
                "request": {"uid": "VARCHAR", "data": "JSON"},
                "response": {"error": "VARCHAR", "message": "VARCHAR", "data": "JSON"}},
        "actor": {"user": {"type": "VARCHAR", "uid": "VARCHAR", "uuid": "VARCHAR", "uid_alt": "VARCHAR", "name": "VARCHAR",
                           "account_uid": "VARCHAR", "account": {"uid": "VARCHAR"}, "credential_uid": "VARCHAR"},
                  "session": {"issuer": "VARCHAR", "mfa": "VARCHAR", "is_mfa": "VARCHAR"},
                  "invoked_by": "VARCHAR"},
        "src_endpoint": {"ip": "VARCHAR", "domain": "VARCHAR", "uid": "VARCHAR"},
        "http_request": {"user_agent": "VARCHAR"},
        "cloud": {"region": "VARCHAR", "account": {"uid": "VARCHAR"}},
        "user": {"name": "VARCHAR"},
        "unmapped": "JSON"}') AS r
    FROM records
), picked AS (
    SELECT
        source_file,
        r,
        TRY_CAST(r.class_uid AS INTEGER) AS class_uid,
        coalesce(starts_with(r.metadata.version, '1.0.0-rc'), TRY_CAST(r.class_uid AS INTEGER) = 3005) AS rc2,
        TRY_CAST(r.time AS BIGINT) AS time_ms,
        CASE json_type(r.unmapped)
            WHEN 'OBJECT' THEN from_json(r.unmapped, '"MAP(VARCHAR, VARCHAR)"')
            WHEN 'ARRAY' THEN map_from_entries(list_transform(from_json(r.unmapped, '["JSON"]'),
                                                              e -> {'key': e->>'key', 'value': e->>'value'}))
        END AS um
    FROM parsed
), unmapped AS (
    SELECT
        picked.*,
        -- A CloudTrail object kept whole under its name, else rebuilt from its flattened keys (one level: a nested
        -- key keeps its dotted path, an array its comma-joined text, every value is a string).
        coalesce(um['requestParameters'], nullif(to_json(map_from_entries(list_transform(
            list_filter(map_entries(um), e -> starts_with(e.key, 'requestParameters.')),
            e -> {'key': e.key[19:], 'value': e.value})))::VARCHAR, '{}')) AS request_parameters,
        coalesce(um['responseElements'], nullif(to_json(map_from_entries(list_transform(
            list_filter(map_entries(um), e -> starts_with(e.key, 'responseElements.')),
            e -> {'key': e.key[18:], 'value': e.value})))::VARCHAR, '{}')) AS response_elements,
        coalesce(um['additionalEventData'], nullif(to_json(map_from_entries(list_transform(
            list_filter(map_entries(um), e -> starts_with(e.key, 'additionalEventData.')),
            e -> {'key': e.key[21:], 'value': e.value})))::VARCHAR, '{}')) AS additional_event_data,
        -- api.request.data / api.response.data (1.1): JSON text in a string, or (in JSON files) the object itself.
        CASE json_type(r.api.request.data) WHEN 'VARCHAR' THEN r.api.request.data->>'$'
             ELSE CAST(r.api.request.data AS VARCHAR) END AS request_data,
        CASE json_type(r.api.response.data) WHEN 'VARCHAR' THEN r.api.response.data->>'$'
             ELSE CAST(r.api.response.data AS VARCHAR) END AS response_data
    FROM picked
), fields AS (
    SELECT
        unmapped.*,
        nullif(coalesce(request_data, request_parameters), 'null') AS request_given,
        nullif(coalesce(response_data, response_elements), 'null') AS response_text
    FROM unmapped
), requests AS (
    -- An IAM Account Change (3001) on a user names that user in user.name, which AWS's mapping takes from
    -- requestParameters.userName and leaves out of the request data: put it back where CloudTrail has it. Only for
    -- the operations whose requestParameters.userName is the user acted on (a role's operations put the role there).
    SELECT
        fields.*,
        CASE WHEN class_uid <> 3001 OR r.api.service.name IS DISTINCT FROM 'iam.amazonaws.com' OR nullif(r."user".name, '') IS NULL
                  OR NOT (r.api.operation LIKE '%User%'
                          OR r.api.operation IN ('CreateLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile',
                                                 'CreateServiceSpecificCredential', 'UpdateServiceSpecificCredential',
                                                 'ResetServiceSpecificCredential', 'DeleteServiceSpecificCredential'))
             THEN request_given
             WHEN request_given IS NULL
             THEN json_object('userName', r."user".name)::VARCHAR
             WHEN NOT json_valid(request_given)
             THEN request_given
             WHEN json_type(request_given) = 'OBJECT' AND json_extract_string(request_given, '$.userName') IS NULL
             THEN json_merge_patch(request_given, json_object('userName', r."user".name))::VARCHAR
             ELSE request_given
        END AS request_text
    FROM fields
)
SELECT
    source_file,
    r.metadata.product.version                                   AS eventVersion,
    CASE WHEN class_uid IS NULL OR class_uid NOT IN (3001, 3002, 3005, 6003)
         THEN error('OCSF class ' || coalesce(r.class_uid, 'missing')
                    || ' is not CloudTrail''s API Activity (6003 or 3005), Account Change (3001) or Authentication (3002)')
         WHEN nullif(r.metadata.uid, '') IS NULL
         THEN error('OCSF record without metadata.uid (the event id)')
         WHEN time_ms IS NULL
         THEN error('OCSF record without time (epoch milliseconds)')
         ELSE r.metadata.uid END                                 AS eventID,
    CASE WHEN time_ms BETWEEN -62135596800000 AND 253402300799999
         THEN strftime(epoch_ms(time_ms), '%Y-%m-%d %H:%M:%S.%f+00') END AS eventTime,
    r.api.service.name                                           AS eventSource,
    r.api.operation                                              AS eventName,
    coalesce(um['eventType'], r.metadata.event_code)             AS eventType,
    -- Security Lake names the event category as the product feature; "Management, Data, and Insights" when the
    -- record had none.
    coalesce(um['eventCategory'], CASE WHEN r.metadata.product.feature.name IN ('Management', 'Data', 'Insight', 'NetworkActivity')
                                       THEN r.metadata.product.feature.name END) AS eventCategory,
    r.cloud.region                                               AS awsRegion,
    coalesce(nullif(r.src_endpoint.ip, ''), r.src_endpoint.domain) AS sourceIPAddress,
    r.http_request.user_agent                                    AS userAgent,
    r.api.response.error                                         AS errorCode,
    r.api.response.message                                       AS errorMessage,
    -- Security Lake writes '' (two quote characters) for a record without requestID.
    nullif(r.api.request.uid, '''''')                            AS requestID,
    um['sharedEventID']                                                  AS sharedEventID,
    coalesce(r.src_endpoint.uid, um['vpcEndpointId'])            AS vpcEndpointId,
    um['recipientAccountId']                                             AS recipientAccountId,
    um['readOnly']                                                       AS readOnly,
    um['managementEvent']                                                AS managementEvent,
    json_object(
        'type', r.actor.user.type,
        'arn', CASE WHEN rc2 THEN r.actor.user.uuid ELSE r.actor.user.uid END,
        'principalId', CASE WHEN rc2 THEN r.actor.user.uid ELSE r.actor.user.uid_alt END,
        'userName', r.actor.user.name,
        'accountId', coalesce(r.actor.user.account_uid, r.actor.user.account.uid),
        'accessKeyId', r.actor.user.credential_uid,
        'invokedBy', r.actor.invoked_by,
        'sessionContext', json_object(
            'sessionIssuer', json_object(
                'type', um['userIdentity.sessionContext.sessionIssuer.type'],
                'arn', r.actor.session.issuer,
                'userName', um['userIdentity.sessionContext.sessionIssuer.userName']),
            'attributes', json_object(
                'mfaAuthenticated', coalesce(r.actor.session.mfa, r.actor.session.is_mfa))))
                                                                         AS userIdentity,
    CASE WHEN json_valid(request_text) THEN CAST(request_text AS JSON) ELSE to_json(request_text) END AS requestParameters,
    CASE WHEN json_valid(response_text) THEN CAST(response_text AS JSON) ELSE to_json(response_text) END AS responseElements,
    CASE WHEN json_valid(additional_event_data) THEN CAST(additional_event_data AS JSON)
         ELSE to_json(additional_event_data) END                         AS additionalEventData,
    CAST(NULL AS JSON)                                                   AS resources,
    -- The account when neither the actor's nor recipientAccountId is known: the cloud's, else the accountId=
    -- partition of Security Lake's layout (…/accountId=<a>/eventDay=…/).
    coalesce(nullif(r.cloud.account.uid, ''),
             nullif(regexp_extract(source_file, '[/\\]accountId=([^/\\]+)[/\\]', 1), '')) AS accountFallback
FROM requests
