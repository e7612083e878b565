-- The everyday (non-Bedrock-runtime) API calls, with who makes them and how often. global: recorded in
-- us-east-1 only. The request and response of each are built in day_api_events.sql.
CREATE OR REPLACE TEMP TABLE gen_apis AS
SELECT (row_number() OVER () - 1)::INTEGER AS api_no, * FROM (VALUES
    ('sts.amazonaws.com',                  'GetCallerIdentity',           'sts',                  ['human', 'machine'],   false,  6, true,  'AwsApiCall',        NULL),
    ('sts.amazonaws.com',                  'AssumeRole',                  'sts',                  ['service', 'machine'], false, 10, true,  'AwsApiCall',        'AccessDenied'),
    ('kms.amazonaws.com',                  'Decrypt',                     'kms',                  ['service', 'machine'], false, 12, true,  'AwsApiCall',        'AccessDenied'),
    ('kms.amazonaws.com',                  'GenerateDataKey',             'kms',                  ['service', 'machine'], false,  6, true,  'AwsApiCall',        'AccessDenied'),
    ('ec2.amazonaws.com',                  'DescribeInstances',           'ec2',                  ['human', 'machine'],   false,  6, true,  'AwsApiCall',        'Client.UnauthorizedOperation'),
    ('ec2.amazonaws.com',                  'DescribeSecurityGroups',      'ec2',                  ['human', 'machine'],   false,  3, true,  'AwsApiCall',        'Client.UnauthorizedOperation'),
    ('ec2.amazonaws.com',                  'DescribeVolumes',             'ec2',                  ['machine'],            false,  2, true,  'AwsApiCall',        NULL),
    ('ec2.amazonaws.com',                  'RunInstances',                'ec2',                  ['human', 'machine'],   false,  1, false, 'AwsApiCall',        'Client.UnauthorizedOperation'),
    ('iam.amazonaws.com',                  'ListRoles',                   'iam',                  ['human', 'machine'],   true,   2, true,  'AwsApiCall',        'AccessDenied'),
    ('iam.amazonaws.com',                  'GetRole',                     'iam',                  ['human', 'machine'],   true,   2, true,  'AwsApiCall',        'NoSuchEntityException'),
    ('s3.amazonaws.com',                   'ListBuckets',                 's3',                   ['human', 'machine'],   false,  3, true,  'AwsApiCall',        NULL),
    ('s3.amazonaws.com',                   'GetBucketLocation',           's3',                   ['service', 'machine'], false,  3, true,  'AwsApiCall',        NULL),
    ('s3.amazonaws.com',                   'GetBucketAcl',                's3',                   ['service', 'machine'], false,  2, true,  'AwsApiCall',        'AccessDenied'),
    ('logs.amazonaws.com',                 'CreateLogStream',             'logs',                 ['service', 'machine'], false,  5, false, 'AwsApiCall',        'ResourceAlreadyExistsException'),
    ('logs.amazonaws.com',                 'DescribeLogGroups',           'logs',                 ['human', 'machine'],   false,  2, true,  'AwsApiCall',        NULL),
    ('lambda.amazonaws.com',               'ListFunctions20150331',       'lambda',               ['human', 'machine'],   false,  2, true,  'AwsApiCall',        'AccessDenied'),
    ('monitoring.amazonaws.com',           'DescribeAlarms',              'monitoring',           ['human', 'machine'],   false,  3, true,  'AwsApiCall',        NULL),
    ('ssm.amazonaws.com',                  'GetParameter',                'ssm',                  ['machine'],            false,  4, true,  'AwsApiCall',        'ParameterNotFound'),
    ('secretsmanager.amazonaws.com',       'GetSecretValue',              'secretsmanager',       ['machine'],            false,  4, true,  'AwsApiCall',        'ResourceNotFoundException'),
    ('dynamodb.amazonaws.com',             'DescribeTable',               'dynamodb',             ['machine'],            false,  3, true,  'AwsApiCall',        NULL),
    ('ecr.amazonaws.com',                  'GetAuthorizationToken',       'api.ecr',              ['machine'],            false,  3, true,  'AwsApiCall',        NULL),
    ('elasticloadbalancing.amazonaws.com', 'DescribeLoadBalancers',       'elasticloadbalancing', ['human', 'machine'],   false,  2, true,  'AwsApiCall',        NULL),
    ('autoscaling.amazonaws.com',          'DescribeAutoScalingGroups',   'autoscaling',          ['machine'],            false,  2, true,  'AwsApiCall',        NULL),
    ('cloudtrail.amazonaws.com',           'LookupEvents',                'cloudtrail',           ['human'],              false,  1, true,  'AwsApiCall',        'ThrottlingException'),
    ('signin.amazonaws.com',               'ConsoleLogin',                'signin',               ['human'],              true,   1, false, 'AwsConsoleSignIn',  NULL),
    ('bedrock.amazonaws.com',              'ListFoundationModels',        'bedrock',              ['human', 'machine'],   false,  2, true,  'AwsApiCall',        'AccessDenied'),
    ('bedrock.amazonaws.com',              'GetFoundationModel',          'bedrock',              ['human', 'machine'],   false,  1, true,  'AwsApiCall',        'ValidationException'),
    ('bedrock.amazonaws.com',              'ListInferenceProfiles',       'bedrock',              ['human'],              false,  1, true,  'AwsApiCall',        NULL),
    ('bedrock.amazonaws.com',              'GetModelInvocationLoggingConfiguration', 'bedrock',   ['human'],              false,  1, true,  'AwsApiCall',        NULL)
) t(event_source, event_name, host_prefix, kinds, global, weight, read_only, event_type, error_code);

-- Weighted choice of the API, per kind of caller and per region (global APIs only in us-east-1): slot -> API.
CREATE OR REPLACE TEMP TABLE gen_api_slots AS
WITH applicable AS (
    SELECT r.region_no, k.kind, a.api_no, a.weight
    FROM gen_regions r
    CROSS JOIN (VALUES ('human'), ('machine'), ('service')) k(kind)
    JOIN gen_apis a ON list_contains(a.kinds, k.kind) AND (NOT a.global OR r.region = 'us-east-1')
)
SELECT region_no, kind, (row_number() OVER (PARTITION BY region_no, kind ORDER BY api_no) - 1)::INTEGER AS slot, api_no
FROM (SELECT a.*, unnest(range(a.weight)) FROM applicable a);

CREATE OR REPLACE TEMP TABLE gen_api_slot_counts AS
SELECT region_no, kind, count(*)::UBIGINT AS slots FROM gen_api_slots GROUP BY ALL;   -- UBIGINT: hash % slots stays 64-bit
