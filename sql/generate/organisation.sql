-- The synthetic organisation: three accounts, three regions, a daily rhythm, and the principals that call AWS.

CREATE OR REPLACE TEMP TABLE gen_accounts AS
SELECT * FROM (VALUES
    (0, '111122223333', 'prod', 55),
    (1, '444455556666', 'dev',  25),
    (2, '777788889999', 'data', 20)
) t(account_no, account_id, env, weight);

CREATE OR REPLACE TEMP TABLE gen_regions AS
SELECT * FROM (VALUES
    (0, 'us-east-1', 'us', 60),
    (1, 'us-west-2', 'us', 25),
    (2, 'eu-west-1', 'eu', 15)
) t(region_no, region, geo, weight);

-- Relative activity per UTC hour (people by day, batch jobs by night).
CREATE OR REPLACE TEMP TABLE gen_hours AS
SELECT hour, weight FROM (
    SELECT unnest(range(24)) AS hour,
           unnest([55, 50, 50, 50, 55, 60, 70, 85, 100, 115, 130, 140,
                   145, 150, 150, 145, 140, 130, 115, 100, 90, 80, 70, 60]) AS weight
);

-- The user agents of each kind of caller.
CREATE OR REPLACE TEMP TABLE gen_user_agents AS
SELECT * FROM (VALUES
    ('console',    'AWS Internal'),
    ('cli',        'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off'),
    ('terraform',  'APN/1.0 HashiCorp/1.0 Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.26.0 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64'),
    ('sdk-java',   'aws-sdk-java/2.25.16 Linux/5.10.213-201.855.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.2+13-LTS Java/21.0.2 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy'),
    ('sdk-python', 'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-222.862.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.69'),
    ('sdk-js',     'aws-sdk-js/3.540.0 ua/2.0 os/linux#6.5.0-1016-azure lang/js md/nodejs#20.11.1 api/sts#3.540.0'),
    ('sdk-go',     'aws-sdk-go/1.51.6 (go1.22.1; linux; amd64)'),
    ('saas',       'aws-sdk-go/1.44.327 (go1.21.1; linux; amd64) Datadog/1.0'),
    ('notebook',   'Boto3/1.34.101 md/Botocore#1.34.101 ua/2.0 os/linux#5.10.215-203.850.amzn2.x86_64 md/arch#x86_64 lang/python#3.10.14 md/pyimpl#CPython exec-env/AmazonSageMakerNotebook cfg/retry-mode#legacy Botocore/1.34.101'),
    ('requests',   'Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/linux#6.2.0-1016-aws md/arch#x86_64 lang/python#3.11.5 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.57')
) t(ua_kind, user_agent);

-- Who calls AWS. pool: general (everyday API traffic), service (AWS services on the account's behalf),
-- bedrock (applications and people using Bedrock runtime), planted (the cases of cases.sql).
-- kind picks the APIs a principal calls; ip_kind where its calls come from.
CREATE OR REPLACE TEMP TABLE gen_personas AS
SELECT * FROM (VALUES
    ('alice',          'general', 'human',   'IAMUser',     'alice',                                           NULL,                        'console',    'office', 3),
    ('bob',            'general', 'human',   'IAMUser',     'bob',                                             NULL,                        'cli',        'home',   2),
    ('ci-deploy',      'general', 'machine', 'IAMUser',     'ci-deploy',                                       NULL,                        'terraform',  'ci',     4),
    ('sso-admin',      'general', 'human',   'AssumedRole', 'AWSReservedSSO_AdministratorAccess_3f1a9c2b7d4e6a10', 'carol@example.com',     'console',    'office', 3),
    ('sso-poweruser',  'general', 'human',   'AssumedRole', 'AWSReservedSSO_PowerUserAccess_8b2c4d6e1f3a5b70', 'dave@example.com',          'cli',        'home',   3),
    ('sso-readonly',   'general', 'human',   'AssumedRole', 'AWSReservedSSO_ReadOnlyAccess_5e7f9a1b3c5d7e90',  'erin@example.com',          'console',    'office', 2),
    ('orders-api',     'general', 'machine', 'AssumedRole', 'orders-api-task-role',                            '9f3c1e7a5b2d4f6081a3c5e7', 'sdk-java',   'vpc',    8),
    ('ingest-lambda',  'general', 'machine', 'AssumedRole', 'ingest-lambda-role',                              'ingest-lambda',             'sdk-python', 'vpc',    8),
    ('github-actions', 'general', 'machine', 'AssumedRole', 'github-actions-deploy',                           'GitHubActions',             'sdk-js',     'ci',     3),
    ('eks-nodes',      'general', 'machine', 'AssumedRole', 'eks-node-group-role',                             'i-0a1b2c3d4e5f60718',       'sdk-go',     'vpc',    6),
    ('datadog',        'general', 'machine', 'AssumedRole', 'DatadogIntegrationRole',                          'datadog-aws-integration',   'saas',       'saas',   6),
    ('lambda-svc',     'service', 'service', 'AWSService',  'lambda.amazonaws.com',                            NULL,                        NULL,         'aws',    6),
    ('ec2-svc',        'service', 'service', 'AWSService',  'ec2.amazonaws.com',                               NULL,                        NULL,         'aws',    3),
    ('s3-svc',         'service', 'service', 'AWSService',  's3.amazonaws.com',                                NULL,                        NULL,         'aws',    4),
    ('config-svc',     'service', 'service', 'AWSService',  'config.amazonaws.com',                            NULL,                        NULL,         'aws',    2),
    ('support-bot',    'bedrock', 'machine', 'AssumedRole', 'support-assistant-role',                          'support-assistant',         'sdk-python', 'vpc',    0),
    ('summarizer',     'bedrock', 'machine', 'AssumedRole', 'doc-summarizer-role',                             'doc-summarizer',            'sdk-python', 'vpc',    0),
    ('code-review',    'bedrock', 'machine', 'AssumedRole', 'code-review-bot-role',                            'code-review-bot',           'sdk-js',     'ci',     0),
    ('reranker',       'bedrock', 'machine', 'AssumedRole', 'search-reranker-task-role',                       'c41d7e2a9b3f5a60e8d2c4b6', 'sdk-java',   'vpc',    0),
    ('contracts',      'bedrock', 'machine', 'AssumedRole', 'contract-analyzer-role',                          'contract-analyzer',         'sdk-python', 'vpc',    0),
    ('copywriter',     'bedrock', 'machine', 'AssumedRole', 'marketing-copy-role',                             'marketing-copy-gen',        'sdk-js',     'vpc',    0),
    ('agent',          'bedrock', 'machine', 'AssumedRole', 'analytics-agent-role',                            'analytics-agent',           'sdk-go',     'vpc',    0),
    ('chat-frontend',  'bedrock', 'machine', 'AssumedRole', 'chat-frontend-task-role',                         '2b8e4f6a1c3d5e7f9a0b2c4d', 'sdk-java',   'vpc',    0),
    ('ds-frank',       'bedrock', 'human',   'AssumedRole', 'AWSReservedSSO_DataScientist_7c1e3a5b9d2f4a60',   'frank@example.com',         'notebook',   'office', 0),
    ('ds-grace',       'bedrock', 'human',   'AssumedRole', 'AWSReservedSSO_DataScientist_7c1e3a5b9d2f4a60',   'grace@example.com',         'notebook',   'home',   0),
    ('ds-heidi',       'bedrock', 'human',   'AssumedRole', 'AWSReservedSSO_DataScientist_7c1e3a5b9d2f4a60',   'heidi@example.com',         'console',    'office', 0),
    ('ml-experiments', 'bedrock', 'human',   'IAMUser',     'ml-experiments',                                  NULL,                        'cli',        'home',   0)
) t(persona, pool, kind, identity_type, name, session_name, ua_kind, ip_kind, weight);

-- Every persona in every account, plus the planted principals (one per case, or several for a spread case).
CREATE OR REPLACE TEMP TABLE gen_principals AS
WITH everyone AS (
    SELECT p.persona, p.pool, p.kind, p.identity_type, p.name, p.session_name, p.ua_kind, p.ip_kind, p.weight,
           a.account_no, a.account_id, NULL::VARCHAR AS case_name, NULL::INTEGER AS member_no
    FROM gen_personas p CROSS JOIN gen_accounts a
    UNION ALL
    SELECT c.case_name, 'planted', 'machine', c.identity_type, c.name,
           CASE WHEN c.principals > 1 THEN c.session_name || '-' || lpad((m.member_no + 1)::VARCHAR, 2, '0') ELSE c.session_name END,
           c.ua_kind, c.ip_kind, 0, c.account_no, a.account_id, c.case_name, m.member_no
    FROM gen_cases c
    JOIN gen_accounts a USING (account_no)
    CROSS JOIN LATERAL (SELECT unnest(range(c.principals)) AS member_no) m
), named AS (
    SELECT e.*,
           CASE e.identity_type
               WHEN 'IAMUser'     THEN 'arn:aws:iam::' || e.account_id || ':user/' || e.name
               WHEN 'AssumedRole' THEN 'arn:aws:sts::' || e.account_id || ':assumed-role/' || e.name || '/' || e.session_name
           END AS arn,
           CASE WHEN e.identity_type = 'AssumedRole' THEN
               'arn:aws:iam::' || e.account_id || ':role/'
               || CASE WHEN e.name LIKE 'AWSReservedSSO_%' THEN 'aws-reserved/sso.amazonaws.com/' ELSE '' END || e.name
           END AS role_arn
    FROM everyone e
)
SELECT
    row_number() OVER (ORDER BY n.pool, n.persona, n.account_no, n.member_no)::INTEGER - 1 AS principal_no,
    n.*,
    -- Unique ids in IAM's shapes (AIDA... for users, AROA... for roles), fixed per principal.
    CASE n.identity_type WHEN 'IAMUser' THEN 'AIDA' WHEN 'AssumedRole' THEN 'AROA' END
        || gen_chars(hash(g.seed, n.arn, n.role_arn, 'uid1'), hash(g.seed, n.arn, n.role_arn, 'uid2'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
        || gen_chars(hash(g.seed, n.arn, n.role_arn, 'uid3'), 0, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 1) AS unique_id,
    'AKIA' || gen_chars(hash(g.seed, n.arn, 'akia1'), hash(g.seed, n.arn, 'akia2'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16) AS long_term_key,
    coalesce(ua.user_agent, n.name) AS user_agent
FROM named n
CROSS JOIN gen_params g
LEFT JOIN gen_user_agents ua USING (ua_kind);

-- Weighted choice of the principal of an everyday API call: slot -> principal, per account.
-- Every account has the same personas, so the same number of slots.
CREATE OR REPLACE TEMP TABLE gen_principal_slots AS
SELECT account_no, (row_number() OVER (PARTITION BY account_no ORDER BY principal_no) - 1)::INTEGER AS slot, principal_no, kind
FROM (SELECT p.*, unnest(range(p.weight)) FROM gen_principals p WHERE p.pool IN ('general', 'service'));

CREATE OR REPLACE TEMP TABLE gen_principal_slot_count AS
SELECT count(*)::UBIGINT AS slots FROM gen_principal_slots WHERE account_no = 0;   -- UBIGINT: hash % slots stays 64-bit
