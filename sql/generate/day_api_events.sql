-- Everyday API calls: gen_file_counts calls per delivery file, each with a weighted principal and API and
-- the request and response shapes CloudTrail records for that API.

-- The calls with their hashes, materialized first: the table's true size makes the joins below probe with
-- the million calls instead of building hash tables on them.
CREATE OR REPLACE TEMP TABLE gen_api_calls AS
WITH calls AS (
    SELECT f.file_no, f.interval_no, f.account_no, f.region_no, unnest(range(f.calls)) AS k FROM gen_file_counts f
)
SELECT calls.*, t.day_start,
       hash(g.seed, t.day_no, 'api', calls.file_no, calls.k) AS h,
       hash(g.seed, t.day_no, 'api-id', calls.file_no, calls.k) AS h2,
       (h % s.slots)::INTEGER AS principal_slot
FROM calls
CROSS JOIN gen_params g
CROSS JOIN gen_today t
CROSS JOIN gen_principal_slot_count s;

INSERT INTO gen_day
WITH hashed AS (
    SELECT * FROM gen_api_calls
), with_principal AS (
    SELECT hashed.*, ps.principal_no, ps.kind, ((hashed.h >> 16) % c.slots)::INTEGER AS api_slot
    FROM hashed
    JOIN gen_principal_slots ps ON ps.account_no = hashed.account_no AND ps.slot = hashed.principal_slot
    JOIN gen_api_slot_counts c ON c.region_no = hashed.region_no AND c.kind = ps.kind
), with_api AS (
    SELECT w.*, sl.api_no
    FROM with_principal w
    JOIN gen_api_slots sl ON sl.region_no = w.region_no AND sl.kind = w.kind AND sl.slot = w.api_slot
), shaped AS (
    SELECT w.file_no, w.h, w.h2, w.principal_no, a.*, p.arn, p.identity_type, p.name AS principal_name,
           p.session_name, p.ip_kind, p.user_agent, p.account_id, p.persona, r.region, ac.env,
           w.day_start + to_seconds(w.interval_no * 300 + ((w.h >> 32) % 300)::BIGINT) AS event_time,
           CASE WHEN a.error_code IS NOT NULL AND p.identity_type <> 'AWSService' AND (w.h >> 40) % 100 < 2
                THEN a.error_code END AS failure,
           ['orders-exports-', 'app-assets-', 'cloudtrail-logs-', 'data-lake-raw-'][((w.h2 >> 8) % 4)::BIGINT + 1] || p.account_id AS bucket,
           ['orders-api-task-role', 'ingest-lambda-role', 'eks-node-group-role', 'DatadogIntegrationRole'][((w.h2 >> 12) % 4)::BIGINT + 1] AS role,
           gen_hex(hash(w.h2, 'resource'), 17) AS hex17
    FROM with_api w
    JOIN gen_apis a USING (api_no)
    JOIN gen_principals p USING (principal_no)
    JOIN gen_regions r USING (region_no)
    JOIN gen_accounts ac ON ac.account_no = w.account_no
)
SELECT
    file_no, event_time, principal_no,
    CASE WHEN event_source = 's3.amazonaws.com' THEN '1.10' WHEN event_type = 'AwsConsoleSignIn' THEN '1.08' ELSE '1.09' END,
    event_source, event_name, region,
    gen_source_ip(ip_kind, principal_name, h2 >> 32),
    CASE WHEN event_type = 'AwsConsoleSignIn' THEN 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36'
         ELSE user_agent END,
    failure,
    gen_error_message(failure, arn,
        CASE host_prefix WHEN 'monitoring' THEN 'cloudwatch' WHEN 'api.ecr' THEN 'ecr' ELSE host_prefix END || ':' || event_name,
        CASE WHEN event_name = 'GetRole' THEN role END),
    -- requestParameters
    CASE event_name
        WHEN 'AssumeRole' THEN json_object(
            'roleArn', 'arn:aws:iam::' || account_id || ':role/' || role,
            'roleSessionName', coalesce(session_name, 'session-' || (h2 % 100000)), 'durationSeconds', 3600)
        WHEN 'Decrypt' THEN json_object(
            'encryptionAlgorithm', 'SYMMETRIC_DEFAULT',
            'encryptionContext', json_object('aws:lambda:FunctionArn', 'arn:aws:lambda:' || region || ':' || account_id || ':function:ingest-lambda'))
        WHEN 'GenerateDataKey' THEN json_object(
            'keyId', 'arn:aws:kms:' || region || ':' || account_id || ':key/' || gen_uuid(hash(account_id, region, 'kms'), hash(account_id, 'kms2')),
            'encryptionContext', json_object('aws:s3:arn', 'arn:aws:s3:::' || bucket), 'keySpec', 'AES_256')
        WHEN 'DescribeInstances' THEN json_object(
            'instancesSet', json_object('items', json_array(json_object('instanceId', 'i-' || hex17))), 'filterSet', json_object())
        WHEN 'DescribeSecurityGroups' THEN json_object(
            'securityGroupSet', json_object(), 'securityGroupIdSet', json_object(),
            'filterSet', json_object('items', json_array(json_object('name', 'vpc-id', 'valueSet',
                json_object('items', json_array(json_object('value', 'vpc-' || left(hex17, 8))))))))
        WHEN 'DescribeVolumes' THEN json_object('volumeSet', json_object(), 'filterSet', json_object(), 'maxResults', 500)
        WHEN 'RunInstances' THEN json_object(
            'instancesSet', json_object('items', json_array(json_object('imageId', 'ami-' || hex17, 'minCount', 1, 'maxCount', 1))),
            'instanceType', 't3.medium', 'blockDeviceMapping', json_object(), 'monitoring', json_object('enabled', false),
            'disableApiTermination', false, 'disableApiStop', false, 'clientToken', gen_uuid(h2, hash(h2, 'token')))
        WHEN 'GetRole' THEN json_object('roleName', role)
        WHEN 'ListBuckets' THEN json_object('Host', 's3.amazonaws.com')
        WHEN 'GetBucketLocation' THEN json_object('bucketName', bucket, 'Host', bucket || '.s3.' || region || '.amazonaws.com', 'location', '')
        WHEN 'GetBucketAcl' THEN json_object('bucketName', bucket, 'Host', bucket || '.s3.' || region || '.amazonaws.com', 'acl', '')
        WHEN 'CreateLogStream' THEN json_object(
            'logGroupName', '/aws/lambda/ingest-lambda',
            'logStreamName', strftime(event_time, '%Y/%m/%d') || '/[$LATEST]' || gen_hex(h2, 16) || gen_hex(hash(h2, 'log'), 16))
        WHEN 'DescribeLogGroups' THEN json_object('limit', 50)
        WHEN 'DescribeAlarms' THEN json_object('maxRecords', 100)
        WHEN 'GetParameter' THEN json_object('name', '/' || env || '/orders/db-url', 'withDecryption', true)
        WHEN 'GetSecretValue' THEN json_object('secretId', 'arn:aws:secretsmanager:' || region || ':' || account_id || ':secret:' || env || '/orders/db-Xk3pQz')
        WHEN 'DescribeTable' THEN json_object('tableName', ['orders', 'customers', 'sessions'][((h2 >> 20) % 3)::BIGINT + 1])
        WHEN 'DescribeLoadBalancers' THEN json_object('pageSize', 400)
        WHEN 'DescribeAutoScalingGroups' THEN json_object('maxRecords', 100)
        WHEN 'LookupEvents' THEN json_object('maxResults', 50)
        WHEN 'GetFoundationModel' THEN json_object('modelIdentifier',
            ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'amazon.titan-embed-text-v2:0', 'meta.llama3-1-70b-instruct-v1:0'][((h2 >> 20) % 3)::BIGINT + 1])
        WHEN 'ListFoundationModels' THEN CASE WHEN (h2 >> 20) % 2 = 0 THEN json_object('byOutputModality', 'TEXT') END
    END,
    -- responseElements
    CASE
        WHEN failure IS NOT NULL THEN NULL
        WHEN event_name = 'AssumeRole' THEN json_object(
            'credentials', json_object(
                'accessKeyId', 'ASIA' || upper(gen_hex(hash(h2, 'key'), 16)),
                'expiration', strftime(event_time + INTERVAL 1 HOUR, '%b %-d, %Y, %-I:%M:%S %p')),
            'assumedRoleUser', json_object(
                'assumedRoleId', 'AROA' || upper(gen_hex(hash(account_id, role, 'role'), 16)) || ':' || coalesce(session_name, 'session-' || (h2 % 100000)),
                'arn', 'arn:aws:sts::' || account_id || ':assumed-role/' || role || '/' || coalesce(session_name, 'session-' || (h2 % 100000))))
        WHEN event_name = 'RunInstances' THEN json_object(
            'requestId', gen_uuid(hash(h2, 'req1'), hash(h2, 'req2')), 'reservationId', 'r-' || hex17, 'ownerId', account_id,
            'groupSet', json_object(),
            'instancesSet', json_object('items', json_array(json_object(
                'instanceId', 'i-' || gen_hex(hash(h2, 'instance'), 17), 'imageId', 'ami-' || hex17, 'instanceType', 't3.medium',
                'instanceState', json_object('code', 0, 'name', 'pending')))))
        WHEN event_name = 'CreateLogStream' THEN NULL
        WHEN event_name = 'ConsoleLogin' THEN json_object('ConsoleLogin', 'Success')
    END,
    -- additionalEventData
    CASE
        WHEN event_name = 'ConsoleLogin' THEN json_object(
            'LoginTo', 'https://console.aws.amazon.com/console/home', 'MobileVersion', 'No', 'MFAUsed', 'Yes')
        WHEN event_source = 's3.amazonaws.com' THEN json_object(
            'SignatureVersion', 'SigV4', 'CipherSuite', 'TLS_AES_128_GCM_SHA256', 'bytesTransferredIn', 0,
            'AuthenticationMethod', 'AuthHeader', 'x-amz-id-2', gen_hex(h2, 16) || gen_hex(hash(h2, 'amzid'), 16), 'bytesTransferredOut', 0)
    END,
    CASE WHEN event_source = 's3.amazonaws.com' THEN upper(gen_hex(hash(h2, 's3req'), 16))
         ELSE gen_uuid(h2, hash(h2, 'request')) END,
    gen_uuid(hash(h2, 'event1'), hash(h2, 'event2')),
    read_only, event_type, account_id,
    CASE
        WHEN identity_type = 'AWSService' THEN NULL
        WHEN global THEN host_prefix || '.amazonaws.com'
        ELSE host_prefix || '.' || region || '.amazonaws.com'
    END
FROM shaped;

DROP TABLE gen_api_calls;
