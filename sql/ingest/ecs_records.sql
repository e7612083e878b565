-- Elastic Common Schema documents of the AWS CloudTrail integration (logs-aws.cloudtrail-*), as _source objects or
-- whole search hits, turned back into the fields of record_columns.sql. A document that kept event.original (the
-- integration's preserve_original_event) is read from it: that is the raw CloudTrail record. Otherwise the fields are
-- mapped back from where Elastic's ingest pipeline put them. A document without event.original fails its file when it
-- lacks event.id or @timestamp, or belongs to another dataset than aws.cloudtrail.
WITH records AS (
    {{records}}
), docs AS (
    SELECT source_file, coalesce(rec->'$._source', rec) AS d
    FROM records
), parsed AS (
    -- Each document is parsed once into the fields read below (one ->> per field would parse it every time).
    SELECT
        source_file,
        from_json(d, '{
            "@timestamp": "VARCHAR",
            "event": {"original": "VARCHAR", "id": "VARCHAR", "provider": "VARCHAR", "action": "VARCHAR", "outcome": "VARCHAR", "dataset": "VARCHAR"},
            "data_stream": {"dataset": "VARCHAR"},
            "user": {"id": "VARCHAR", "name": "VARCHAR"},
            "cloud": {"region": "VARCHAR", "account": {"id": "VARCHAR"}},
            "source": {"address": "VARCHAR", "ip": "VARCHAR"},
            "user_agent": {"original": "VARCHAR"},
            "aws": {"cloudtrail": {
                "event_version": "VARCHAR", "event_type": "VARCHAR", "event_category": "VARCHAR",
                "error_code": "VARCHAR", "error_message": "VARCHAR", "request_id": "VARCHAR",
                "shared_event_id": "VARCHAR", "vpc_endpoint_id": "VARCHAR", "recipient_account_id": "VARCHAR",
                "read_only": "VARCHAR", "management_event": "VARCHAR",
                "request_parameters": "VARCHAR", "response_elements": "VARCHAR", "additional_eventdata": "VARCHAR",
                "flattened": {"request_parameters": "JSON", "response_elements": "JSON", "additional_eventdata": "JSON"},
                "user_identity": {"type": "VARCHAR", "arn": "VARCHAR", "access_key_id": "VARCHAR", "invoked_by": "VARCHAR",
                                  "session_context": {"mfa_authenticated": "VARCHAR", "session_issuer": "JSON"}}}}}') AS e
    FROM docs
), fields AS (
    SELECT
        source_file, e,
        e.event.original AS original,
        from_json(e.event.original, {{structure}}) AS o,
        coalesce(e.data_stream.dataset, e.event.dataset) AS dataset,
        e.aws.cloudtrail AS ct,
        e.aws.cloudtrail.user_identity AS ui,
        coalesce(json_type(e.aws.cloudtrail.user_identity.session_context.session_issuer) = 'OBJECT', false) AS has_issuer
    FROM parsed
), mapped AS (
    SELECT
        fields.*,
        -- request_parameters: the flattened object when Elastic kept it (under 32 KiB), else the text, which is
        -- JSON or Java's Map toString ({modelId=anthropic.claude-v2, accept=application/json}); from that form only
        -- what the rules read is taken: the model id, exactly as the seed rule's grok takes it
        -- (modelId=(?<Esql.model_id>[^,}\]]+)), and an IAM call's userName (Elastic's user.target.name).
        CASE WHEN json_type(ct.flattened.request_parameters) IN ('OBJECT', 'ARRAY')
             THEN CAST(ct.flattened.request_parameters AS VARCHAR)
             WHEN json_valid(ct.request_parameters) THEN ct.request_parameters
             WHEN regexp_matches(ct.request_parameters, 'modelId=[^,}\]]')
             THEN json_object('modelId', regexp_extract(ct.request_parameters, 'modelId=([^,}\]]+)', 1))::VARCHAR
             WHEN regexp_matches(ct.request_parameters, '(^|[{, ])userName=[^,}\]]')
             THEN json_object('userName', regexp_extract(ct.request_parameters, '(^|[{, ])userName=([^,}\]]+)', 2))::VARCHAR
             ELSE to_json(ct.request_parameters)::VARCHAR END AS request_text,
        CASE WHEN json_type(ct.flattened.response_elements) IN ('OBJECT', 'ARRAY')
             THEN CAST(ct.flattened.response_elements AS VARCHAR)
             WHEN json_valid(ct.response_elements) THEN ct.response_elements
             ELSE to_json(ct.response_elements)::VARCHAR END AS response_text,
        -- additional_eventdata likewise; from Java's Map toString, the flag of a call made with a Bedrock API key
        -- ({callWithBearerToken=true, ...}, which Elastic's rule 89b68231 matches in that text).
        CASE WHEN json_type(ct.flattened.additional_eventdata) IN ('OBJECT', 'ARRAY')
             THEN CAST(ct.flattened.additional_eventdata AS VARCHAR)
             WHEN json_valid(ct.additional_eventdata) THEN ct.additional_eventdata
             WHEN regexp_matches(ct.additional_eventdata, '(^|[{, ])callWithBearerToken=(true|false)([,}]|$)')
             THEN json_object('callWithBearerToken',
                              regexp_extract(ct.additional_eventdata, '(^|[{, ])callWithBearerToken=(true|false)', 2) = 'true')::VARCHAR
             ELSE to_json(ct.additional_eventdata)::VARCHAR END AS additional_text
    FROM fields
)
SELECT
    source_file,
    CASE WHEN original IS NOT NULL THEN o.eventVersion ELSE ct.event_version END            AS eventVersion,
    CASE WHEN original IS NOT NULL THEN o.eventID
         WHEN dataset IS NOT NULL AND dataset <> 'aws.cloudtrail'
         THEN error('ECS document of dataset ' || dataset || ', not aws.cloudtrail')
         WHEN nullif(e.event.id, '') IS NULL
         THEN error('ECS document without event.id (and without event.original)')
         WHEN nullif(e."@timestamp", '') IS NULL
         THEN error('ECS document without @timestamp (and without event.original)')
         ELSE e.event.id END                                                                 AS eventID,
    CASE WHEN original IS NOT NULL THEN o.eventTime ELSE e."@timestamp" END                 AS eventTime,
    CASE WHEN original IS NOT NULL THEN o.eventSource ELSE e.event.provider END             AS eventSource,
    CASE WHEN original IS NOT NULL THEN o.eventName ELSE e.event.action END                 AS eventName,
    CASE WHEN original IS NOT NULL THEN o.eventType ELSE ct.event_type END                  AS eventType,
    CASE WHEN original IS NOT NULL THEN o.eventCategory ELSE ct.event_category END          AS eventCategory,
    CASE WHEN original IS NOT NULL THEN o.awsRegion ELSE e.cloud.region END                 AS awsRegion,
    CASE WHEN original IS NOT NULL THEN o.sourceIPAddress
         ELSE coalesce(nullif(e.source.address, ''), e.source.ip) END                 AS sourceIPAddress,
    CASE WHEN original IS NOT NULL THEN o.userAgent ELSE e.user_agent.original END          AS userAgent,
    -- event.outcome 'failure' without an error code or message (ConsoleLogin's responseElements) still keeps the
    -- event out of the successes the rule counts.
    CASE WHEN original IS NOT NULL THEN o.errorCode
         ELSE coalesce(ct.error_code,
                       CASE WHEN e.event.outcome = 'failure' AND nullif(ct.error_message, '') IS NULL
                            THEN 'failure' END) END                                                AS errorCode,
    CASE WHEN original IS NOT NULL THEN o.errorMessage ELSE ct.error_message END            AS errorMessage,
    CASE WHEN original IS NOT NULL THEN o.requestID ELSE ct.request_id END                  AS requestID,
    CASE WHEN original IS NOT NULL THEN o.sharedEventID ELSE ct.shared_event_id END         AS sharedEventID,
    CASE WHEN original IS NOT NULL THEN o.vpcEndpointId ELSE ct.vpc_endpoint_id END         AS vpcEndpointId,
    CASE WHEN original IS NOT NULL THEN o.recipientAccountId ELSE ct.recipient_account_id END AS recipientAccountId,
    CASE WHEN original IS NOT NULL THEN o.readOnly ELSE ct.read_only END                    AS readOnly,
    CASE WHEN original IS NOT NULL THEN o.managementEvent ELSE ct.management_event END      AS managementEvent,
    -- user.name is userIdentity.userName, except for assumed roles, where the pipeline overwrites it with the
    -- session issuer's userName; user.id is the principal id; cloud.account.id is userIdentity.accountId.
    CASE WHEN original IS NOT NULL THEN o.userIdentity ELSE json_object(
        'type', ui.type,
        'arn', ui.arn,
        'principalId', e."user".id,
        'userName', CASE WHEN NOT has_issuer THEN e."user".name END,
        'accountId', e.cloud.account.id,
        'accessKeyId', ui.access_key_id,
        'invokedBy', ui.invoked_by,
        'sessionContext', json_object(
            'sessionIssuer', json_object(
                'type', ui.session_context.session_issuer->>'$.type',
                'arn', ui.session_context.session_issuer->>'$.arn',
                'userName', CASE WHEN has_issuer THEN e."user".name END),
            'attributes', json_object('mfaAuthenticated', ui.session_context.mfa_authenticated))) END AS userIdentity,
    CASE WHEN original IS NOT NULL THEN o.requestParameters ELSE CAST(request_text AS JSON) END    AS requestParameters,
    CASE WHEN original IS NOT NULL THEN o.responseElements ELSE CAST(response_text AS JSON) END    AS responseElements,
    CASE WHEN original IS NOT NULL THEN o.additionalEventData ELSE CAST(additional_text AS JSON) END AS additionalEventData,
    CASE WHEN original IS NOT NULL THEN o.resources END                                            AS resources
FROM mapped
