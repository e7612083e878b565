-- The event rules' planted cases (after cases.sql): for every event rule one case it must fire on and one near miss it
-- must not fire on, each on a principal of its own; the control-plane calls of the LLMjacking campaign; and what every
-- case must do per rule. All on the first day, at start_minute (from 00:00 UTC) plus each call's second.
--   kind        threshold (cases.sql), campaign, fire or near_miss
--   rule_key    the event rule a fire or near-miss case is planted for
-- A call's hits are the event rules it is a hit of, by construction (the reference counts them, reference_events.sql).
-- The LLMjacking enumeration's hits (failed inference calls) and the long-term-key sequence's (an inference call after
-- a listing) depend on what comes before and beside them: reference_events.sql finds those in all generated events.

ALTER TABLE gen_cases ADD COLUMN kind VARCHAR DEFAULT 'threshold';
ALTER TABLE gen_cases ADD COLUMN rule_key VARCHAR;
UPDATE gen_cases SET kind = 'campaign' WHERE case_name = 'llmjacking_campaign';

CREATE OR REPLACE TEMP TABLE gen_event_cases AS
SELECT * FROM (VALUES
    ('agent_created_by_user', 'agent_created', true, 1, 'IAMUser', 'dev-agent-builder', NULL, 'console', 'office', 20,
     'An IAM user (a long-term identity, not a role) creates a Bedrock agent.'),
    ('agent_created_by_role', 'agent_created', false, 1, 'AssumedRole', 'agent-platform-deployer', 'terraform', 'terraform', 'ci', 55,
     'Near miss: a deployment role creates a Bedrock agent (the rule wants an IAM user or the root account).'),
    ('agent_action_group_added', 'agent_manipulation', true, 2, 'AssumedRole', 'agent-ops-role', 'ops-console', 'console', 'office', 90,
     'A principal never seen changing agents adds an action group to an existing agent.'),
    ('agent_update_failed', 'agent_manipulation', false, 2, 'AssumedRole', 'agent-reader-role', 'reader', 'cli', 'office', 125,
     'Near miss: an agent update that fails (ValidationException): only successful changes are new terms.'),
    ('agentcore_role_reads_s3', 'agentcore_role_outside_runtime', true, 0, 'AssumedRole', 'AgentCore-support-runtime', 'runtime-7f2c', 'sdk-python', 'vpc', 160,
     'An AgentCore execution role lists S3 buckets: a service its runtime does not use, for the first time.'),
    ('agentcore_role_writes_logs', 'agentcore_role_outside_runtime', false, 0, 'AssumedRole', 'AgentCore-search-runtime', 'runtime-3b9e', 'sdk-python', 'vpc', 195,
     'Near miss: an AgentCore execution role writes its logs (CloudWatch Logs is part of its runtime).'),
    ('api_key_deletes_custom_model', 'api_key_destructive', true, 1, 'IAMUser', 'BedrockAPIKey-7f3k', NULL, 'requests', 'home', 230,
     'A Bedrock API key (a bearer token: callWithBearerToken) deletes a custom model.'),
    ('role_deletes_custom_model', 'api_key_destructive', false, 1, 'AssumedRole', 'ml-platform-admin', 'cleanup', 'cli', 'office', 265,
     'Near miss: a role (signed with SigV4, no bearer token) deletes a custom model.'),
    ('reasoning_policy_updated', 'reasoning_policy_tampering', true, 2, 'AssumedRole', 'safety-admin-role', 'policy-edit', 'console', 'office', 300,
     'An Automated Reasoning policy''s definition is updated.'),
    ('reasoning_policy_read', 'reasoning_policy_tampering', false, 2, 'AssumedRole', 'safety-auditor-role', 'audit', 'console', 'office', 335,
     'Near miss: an auditor reads an Automated Reasoning policy.'),
    ('model_entitlement_denied', 'model_access_denied', true, 1, 'AssumedRole', 'ml-sandbox-role', 'sandbox', 'sdk-python', 'home', 370,
     'A role without the permission tries to grant itself a foundation model entitlement (AccessDeniedException).'),
    ('model_use_case_invalid', 'model_access_denied', false, 1, 'AssumedRole', 'ml-sandbox-eval-role', 'eval', 'sdk-python', 'home', 405,
     'Near miss: a use-case submission that fails validation (ValidationException, not a denial).'),
    ('model_use_case_submitted', 'model_access_enabled', true, 0, 'AssumedRole', 'platform-admin-role', 'ivan@example.com', 'console', 'office', 440,
     'An administrator submits the use case that enables Anthropic models for the account.'),
    ('model_use_case_read', 'model_access_enabled', false, 0, 'AssumedRole', 'platform-viewer-role', 'judy@example.com', 'console', 'office', 475,
     'Near miss: the account''s model-access use case is read.'),
    ('guardrail_updated', 'guardrail_weakened', true, 2, 'AssumedRole', 'genai-platform-role', 'guardrail-edit', 'console', 'office', 510,
     'A guardrail''s content filters are changed (UpdateGuardrail).'),
    ('guardrail_created', 'guardrail_weakened', false, 2, 'AssumedRole', 'genai-builder-role', 'guardrail-new', 'console', 'office', 545,
     'Near miss: a new guardrail is created.'),
    ('knowledge_base_documents_ingested', 'knowledge_base_tampering', true, 2, 'AssumedRole', 'kb-sync-role', 'kb-sync', 'sdk-python', 'vpc', 580,
     'Documents are ingested into a knowledge base directly, in an account that made no such change in 7 days.'),
    ('knowledge_base_delete_denied', 'knowledge_base_tampering', false, 1, 'AssumedRole', 'kb-reader-role', 'kb-reader', 'sdk-python', 'vpc', 615,
     'Near miss: a knowledge base data source deletion that is denied (only successful changes count).'),
    ('model_enumeration', 'llmjacking_enumeration', true, 1, 'IAMUser', 'svc-model-tester', NULL, 'requests', 'home', 650,
     'Invalid requests (ValidationException) to five models within four minutes: a key trying which models answer.'),
    ('one_model_failing', 'llmjacking_enumeration', false, 1, 'AssumedRole', 'chat-api-role', 'chat-api', 'sdk-java', 'vpc', 685,
     'Near miss: an application sends six invalid requests to its one model.'),
    ('invocation_logging_replaced', 'invocation_logging_disabled', true, 0, 'AssumedRole', 'observability-admin-role', 'logging', 'cli', 'office', 720,
     'The model invocation logging configuration is overwritten (PutModelInvocationLoggingConfiguration).'),
    ('invocation_logging_read', 'invocation_logging_disabled', false, 0, 'AssumedRole', 'observability-audit-role', 'audit', 'cli', 'office', 755,
     'Near miss: the model invocation logging configuration is read.'),
    ('long_term_key_lists_then_invokes', 'recon_then_invoke_long_term_key', true, 2, 'IAMUser', 'svc-report-writer', NULL, 'sdk-python', 'home', 790,
     'A long-term access key lists the foundation models, then invokes one five minutes later.'),
    ('long_term_key_invokes_later', 'recon_then_invoke_long_term_key', false, 2, 'IAMUser', 'svc-catalog-sync', NULL, 'sdk-python', 'home', 825,
     'Near miss: a long-term access key lists the foundation models and invokes one 20 minutes later (the span is 15).'),
    ('phantom_user_lists_users', 'phantom_user_activity', true, 0, 'IAMUser', 'BedrockAPIKey-q9vz', NULL, 'requests', 'home', 860,
     'The IAM user behind a Bedrock API key lists the account''s IAM users.'),
    ('phantom_user_checks_identity', 'phantom_user_activity', false, 0, 'IAMUser', 'BedrockAPIKey-m2xd', NULL, 'requests', 'home', 895,
     'Near miss: the IAM user behind a Bedrock API key calls GetCallerIdentity (excepted).'),
    ('phantom_user_key_created', 'phantom_user_credentials', true, 1, 'IAMUser', 'iam-admin-jo', NULL, 'cli', 'office', 930,
     'An access key is created for the IAM user behind a Bedrock API key.'),
    ('service_user_key_created', 'phantom_user_credentials', false, 1, 'IAMUser', 'iam-admin-kim', NULL, 'cli', 'office', 965,
     'Near miss: an access key is created for an ordinary IAM user.'),
    ('provisioned_throughput_created', 'provisioned_throughput_tampering', true, 0, 'AssumedRole', 'capacity-planner-role', 'capacity', 'console', 'office', 1000,
     'Provisioned Throughput (reserved, billed model capacity) is bought.'),
    ('provisioned_throughput_read', 'provisioned_throughput_tampering', false, 0, 'AssumedRole', 'capacity-viewer-role', 'viewer', 'console', 'office', 1035,
     'Near miss: a Provisioned Throughput is read.'),
    ('resource_policy_put_denied', 'resource_policy_denied', true, 2, 'AssumedRole', 'partner-share-role', 'share', 'cli', 'office', 1070,
     'A denied attempt to set a custom model''s resource-based policy (AccessDeniedException).'),
    ('resource_policy_put_invalid', 'resource_policy_denied', false, 2, 'AssumedRole', 'partner-share-test-role', 'share-test', 'cli', 'office', 1105,
     'Near miss: a resource-based policy that fails validation (ValidationException, not a denial).'),
    ('resource_policy_put', 'resource_policy_changed', true, 1, 'AssumedRole', 'model-share-admin-role', 'share-admin', 'cli', 'office', 1140,
     'A principal never seen doing it sets a custom model''s resource-based policy.'),
    ('resource_policy_read', 'resource_policy_changed', false, 1, 'AssumedRole', 'model-share-reader-role', 'share-reader', 'cli', 'office', 1175,
     'Near miss: a resource-based policy is read.'),
    ('knowledge_base_associated_to_agent', 'knowledge_base_associated', true, 0, 'AssumedRole', 'agent-builder-role', 'builder', 'console', 'office', 1210,
     'A principal never seen doing it associates a knowledge base with an agent.'),
    ('knowledge_base_disassociated', 'knowledge_base_associated', false, 0, 'AssumedRole', 'agent-cleanup-role', 'cleanup', 'console', 'office', 1245,
     'Near miss: a knowledge base is disassociated from an agent.'),
    ('model_import_started', 'untrusted_model_import', true, 2, 'AssumedRole', 'model-import-role', 'import', 'sdk-python', 'vpc', 1280,
     'A custom model is imported from S3 (CreateModelImportJob).'),
    ('model_import_invalid', 'untrusted_model_import', false, 2, 'AssumedRole', 'model-import-test-role', 'import-test', 'sdk-python', 'vpc', 1315,
     'Near miss: a model import that fails validation.')
) t(case_name, rule_key, fires, account_no, identity_type, name, session_name, ua_kind, ip_kind, start_minute, description);

INSERT INTO gen_cases (case_name, account_no, identity_type, name, session_name, principals, shared_ip, ua_kind, ip_kind,
                       seed, credential_distributed, low_and_slow, baseline_break, description, kind, rule_key)
SELECT case_name, account_no, identity_type, name, session_name, 1, false, ua_kind, ip_kind,
       'no_alert', 'no_alert', 'no_alert', 'no_alert', description, CASE WHEN fires THEN 'fire' ELSE 'near_miss' END, rule_key
FROM gen_event_cases;

-- The calls of the event cases and the campaign's control-plane calls: at the case's start minute plus second; JSON
-- as text. hits: the event rules the call is a hit of (the LLMjacking enumeration and the sequence aside, above).
CREATE OR REPLACE TEMP TABLE gen_case_calls AS
WITH calls AS (
    SELECT * FROM (VALUES
        ('agent_created_by_user', 0, 'bedrock.amazonaws.com', 'CreateAgent', 'us-east-1', NULL,
         '{"agentName":"support-triage","foundationModel":"anthropic.claude-3-5-sonnet-20240620-v1:0","idleSessionTTLInSeconds":600}', NULL, false, ['agent_created']),
        ('agent_created_by_role', 0, 'bedrock.amazonaws.com', 'CreateAgent', 'us-east-1', NULL,
         '{"agentName":"order-status","foundationModel":"anthropic.claude-3-5-haiku-20241022-v1:0","idleSessionTTLInSeconds":600}', NULL, false, []),
        ('agent_action_group_added', 0, 'bedrock.amazonaws.com', 'CreateAgentActionGroup', 'us-east-1', NULL,
         '{"agentId":"KX7QW2PLMN","agentVersion":"DRAFT","actionGroupName":"refunds","actionGroupExecutor":{"lambda":"arn:aws:lambda:us-east-1:777788889999:function:refunds"}}', NULL, false, ['agent_manipulation']),
        ('agent_update_failed', 0, 'bedrock.amazonaws.com', 'UpdateAgent', 'us-east-1', 'ValidationException',
         '{"agentId":"KX7QW2PLMN","agentName":"support","foundationModel":"anthropic.claude-3-5-sonnet-20240620-v1:0"}', NULL, false, []),
        ('agentcore_role_reads_s3', 0, 's3.amazonaws.com', 'ListBuckets', 'us-east-1', NULL,
         '{"Host":"s3.amazonaws.com"}', NULL, true, ['agentcore_role_outside_runtime']),
        ('agentcore_role_writes_logs', 0, 'logs.amazonaws.com', 'CreateLogStream', 'us-east-1', NULL,
         '{"logGroupName":"/aws/bedrock-agentcore/runtimes/search","logStreamName":"runtime-3b9e"}', NULL, false, []),
        ('api_key_deletes_custom_model', 0, 'bedrock.amazonaws.com', 'DeleteCustomModel', 'us-east-1', NULL,
         '{"modelIdentifier":"support-tuned-v3"}', '{"callWithBearerToken":true}', false, ['api_key_destructive']),
        ('role_deletes_custom_model', 0, 'bedrock.amazonaws.com', 'DeleteCustomModel', 'us-east-1', NULL,
         '{"modelIdentifier":"support-tuned-v1"}', '{"callWithBearerToken":false}', false, []),
        ('reasoning_policy_updated', 0, 'bedrock.amazonaws.com', 'UpdateAutomatedReasoningPolicy', 'us-west-2', NULL,
         '{"policyArn":"arn:aws:bedrock:us-west-2:777788889999:automated-reasoning-policy/hr-answers"}', NULL, false, ['reasoning_policy_tampering']),
        ('reasoning_policy_read', 0, 'bedrock.amazonaws.com', 'GetAutomatedReasoningPolicy', 'us-west-2', NULL,
         '{"policyArn":"arn:aws:bedrock:us-west-2:777788889999:automated-reasoning-policy/hr-answers"}', NULL, true, []),
        ('model_entitlement_denied', 0, 'bedrock.amazonaws.com', 'PutFoundationModelEntitlement', 'us-east-1', 'AccessDeniedException',
         '{"modelId":"anthropic.claude-3-opus-20240229-v1:0"}', NULL, false, ['model_access_denied']),
        ('model_use_case_invalid', 0, 'bedrock.amazonaws.com', 'PutUseCaseForModelAccess', 'us-east-1', 'ValidationException',
         '{"formData":"***"}', NULL, false, []),
        ('model_use_case_submitted', 0, 'bedrock.amazonaws.com', 'PutUseCaseForModelAccess', 'us-east-1', NULL,
         '{"formData":"***"}', NULL, false, ['model_access_enabled']),
        ('model_use_case_read', 0, 'bedrock.amazonaws.com', 'GetUseCaseForModelAccess', 'us-east-1', NULL,
         NULL, NULL, true, []),
        ('guardrail_updated', 0, 'bedrock.amazonaws.com', 'UpdateGuardrail', 'us-west-2', NULL,
         '{"guardrailIdentifier":"gr-7kq2m9xw4t","name":"customer-chat","contentPolicyConfig":{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"NONE","outputStrength":"NONE"}]}}', NULL, false, ['guardrail_weakened']),
        ('guardrail_created', 0, 'bedrock.amazonaws.com', 'CreateGuardrail', 'us-west-2', NULL,
         '{"name":"internal-search","contentPolicyConfig":{"filtersConfig":[{"type":"PROMPT_ATTACK","inputStrength":"HIGH","outputStrength":"NONE"}]}}', NULL, false, []),
        ('knowledge_base_documents_ingested', 0, 'bedrock.amazonaws.com', 'IngestKnowledgeBaseDocuments', 'us-east-1', NULL,
         '{"knowledgeBaseId":"KB4TQ8ZP2M","dataSourceId":"DS9W3XJ7LQ"}', NULL, false, ['knowledge_base_tampering']),
        ('knowledge_base_delete_denied', 0, 'bedrock.amazonaws.com', 'DeleteDataSource', 'us-east-1', 'AccessDeniedException',
         '{"knowledgeBaseId":"KB2MZ7QW4X","dataSourceId":"DS5R8TK2PN"}', NULL, false, []),
        ('invocation_logging_replaced', 0, 'bedrock.amazonaws.com', 'PutModelInvocationLoggingConfiguration', 'us-east-1', NULL,
         '{"loggingConfig":{"textDataDeliveryEnabled":false,"imageDataDeliveryEnabled":false,"embeddingDataDeliveryEnabled":false}}', NULL, false, ['invocation_logging_disabled']),
        ('invocation_logging_read', 0, 'bedrock.amazonaws.com', 'GetModelInvocationLoggingConfiguration', 'us-east-1', NULL,
         NULL, NULL, true, []),
        ('long_term_key_lists_then_invokes', 0, 'bedrock.amazonaws.com', 'ListFoundationModels', 'us-east-1', NULL,
         '{"byOutputModality":"TEXT"}', NULL, true, []),
        ('long_term_key_lists_then_invokes', 300, 'bedrock.amazonaws.com', 'InvokeModel', 'us-east-1', NULL,
         '{"modelId":"amazon.nova-micro-v1:0"}', NULL, true, []),
        ('long_term_key_invokes_later', 0, 'bedrock.amazonaws.com', 'ListFoundationModels', 'us-east-1', NULL,
         '{"byOutputModality":"TEXT"}', NULL, true, []),
        ('long_term_key_invokes_later', 1200, 'bedrock.amazonaws.com', 'InvokeModel', 'us-east-1', NULL,
         '{"modelId":"amazon.nova-micro-v1:0"}', NULL, true, []),
        ('phantom_user_lists_users', 0, 'iam.amazonaws.com', 'ListUsers', 'us-east-1', NULL,
         '{"maxItems":100}', NULL, true, ['phantom_user_activity']),
        ('phantom_user_checks_identity', 0, 'sts.amazonaws.com', 'GetCallerIdentity', 'us-east-1', NULL,
         NULL, NULL, true, []),
        ('phantom_user_key_created', 0, 'iam.amazonaws.com', 'CreateAccessKey', 'us-east-1', NULL,
         '{"userName":"BedrockAPIKey-q9vz"}', NULL, false, ['phantom_user_credentials']),
        ('service_user_key_created', 0, 'iam.amazonaws.com', 'CreateAccessKey', 'us-east-1', NULL,
         '{"userName":"deploy-bot"}', NULL, false, []),
        ('provisioned_throughput_created', 0, 'bedrock.amazonaws.com', 'CreateProvisionedModelThroughput', 'us-east-1', NULL,
         '{"modelUnits":2,"provisionedModelName":"chat-reserved","modelId":"anthropic.claude-3-5-sonnet-20240620-v1:0","commitmentDuration":"OneMonth"}', NULL, false, ['provisioned_throughput_tampering']),
        ('provisioned_throughput_read', 0, 'bedrock.amazonaws.com', 'GetProvisionedModelThroughput', 'us-east-1', NULL,
         '{"provisionedModelId":"chat-reserved"}', NULL, true, []),
        ('resource_policy_put_denied', 0, 'bedrock.amazonaws.com', 'PutResourcePolicy', 'us-east-1', 'AccessDeniedException',
         '{"resourceArn":"arn:aws:bedrock:us-east-1:777788889999:custom-model/support-tuned-v3"}', NULL, false, ['resource_policy_denied']),
        ('resource_policy_put_invalid', 0, 'bedrock.amazonaws.com', 'PutResourcePolicy', 'us-east-1', 'ValidationException',
         '{"resourceArn":"arn:aws:bedrock:us-east-1:777788889999:custom-model/support-tuned-v3"}', NULL, false, []),
        ('resource_policy_put', 0, 'bedrock.amazonaws.com', 'PutResourcePolicy', 'us-east-1', NULL,
         '{"resourceArn":"arn:aws:bedrock:us-east-1:444455556666:custom-model/claims-tuned-v2"}', NULL, false, ['resource_policy_changed']),
        ('resource_policy_read', 0, 'bedrock.amazonaws.com', 'GetResourcePolicy', 'us-east-1', NULL,
         '{"resourceArn":"arn:aws:bedrock:us-east-1:444455556666:custom-model/claims-tuned-v2"}', NULL, true, []),
        ('knowledge_base_associated_to_agent', 0, 'bedrock.amazonaws.com', 'AssociateAgentKnowledgeBase', 'us-east-1', NULL,
         '{"agentId":"P3WQ8ZK2LM","agentVersion":"DRAFT","knowledgeBaseId":"KB8XJ2QW7N","knowledgeBaseState":"ENABLED"}', NULL, false, ['knowledge_base_associated']),
        ('knowledge_base_disassociated', 0, 'bedrock.amazonaws.com', 'DisassociateAgentKnowledgeBase', 'us-east-1', NULL,
         '{"agentId":"P3WQ8ZK2LM","agentVersion":"DRAFT","knowledgeBaseId":"KB8XJ2QW7N"}', NULL, false, []),
        ('model_import_started', 0, 'bedrock.amazonaws.com', 'CreateModelImportJob', 'us-east-1', NULL,
         '{"jobName":"import-llama-ft","importedModelName":"llama-ft","modelDataSource":{"s3DataSource":{"s3Uri":"s3://ml-artifacts-777788889999/llama-ft/"}}}', NULL, false, ['untrusted_model_import']),
        ('model_import_invalid', 0, 'bedrock.amazonaws.com', 'CreateModelImportJob', 'us-east-1', 'ValidationException',
         '{"jobName":"import-test","importedModelName":"test","modelDataSource":{"s3DataSource":{"s3Uri":"s3://ml-artifacts-777788889999/test/"}}}', NULL, false, []),
        -- the campaign (start 03:00): the key checked and the models listed before the enumeration (cases.sql's streams),
        -- then logging checked, model access enabled, logging and a guardrail deleted, before the volume
        ('llmjacking_campaign', 0, 'sts.amazonaws.com', 'GetCallerIdentity', 'us-east-1', NULL, NULL, NULL, true, []),
        ('llmjacking_campaign', 10, 'bedrock.amazonaws.com', 'ListFoundationModels', 'us-east-1', NULL, NULL, NULL, true, []),
        ('llmjacking_campaign', 420, 'bedrock.amazonaws.com', 'GetModelInvocationLoggingConfiguration', 'us-east-1', NULL, NULL, NULL, true, []),
        ('llmjacking_campaign', 480, 'bedrock.amazonaws.com', 'PutUseCaseForModelAccess', 'us-east-1', NULL,
         '{"formData":"***"}', NULL, false, ['model_access_enabled']),
        ('llmjacking_campaign', 510, 'bedrock.amazonaws.com', 'CreateFoundationModelAgreement', 'us-east-1', NULL,
         '{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","offerToken":"***"}', NULL, false, ['model_access_enabled']),
        ('llmjacking_campaign', 540, 'bedrock.amazonaws.com', 'PutFoundationModelEntitlement', 'us-east-1', NULL,
         '{"modelId":"anthropic.claude-3-haiku-20240307-v1:0"}', NULL, false, ['model_access_enabled']),
        ('llmjacking_campaign', 660, 'bedrock.amazonaws.com', 'DeleteModelInvocationLoggingConfiguration', 'us-east-1', NULL,
         NULL, NULL, false, ['invocation_logging_disabled']),
        ('llmjacking_campaign', 720, 'bedrock.amazonaws.com', 'DeleteGuardrail', 'us-east-1', NULL,
         '{"guardrailIdentifier":"gr-2p8k4m7q1z"}', NULL, false, ['guardrail_weakened'])
    ) t(case_name, second, event_source, event_name, region, error_code, request_parameters, additional_event_data, read_only, hits)
), enumeration AS (
    -- the model-enumeration case: one invalid request to each of five models, one a minute; the near miss: six to one
    SELECT 'model_enumeration', 60 * k, 'bedrock.amazonaws.com', 'InvokeModel', 'us-east-1', 'ValidationException',
           json_object('modelId', ['anthropic.claude-3-opus-20240229-v1:0', 'anthropic.claude-3-5-sonnet-20241022-v2:0',
                                   'meta.llama3-1-405b-instruct-v1:0', 'mistral.mistral-large-2407-v1:0', 'cohere.command-r-plus-v1:0'][k + 1])::VARCHAR,
           NULL, true, []::VARCHAR[]
    FROM range(5) r(k)
    UNION ALL
    SELECT 'one_model_failing', 45 * k, 'bedrock.amazonaws.com', 'Converse', 'us-east-1', 'ValidationException',
           '{"modelId":"anthropic.claude-3-5-haiku-20241022-v1:0"}', NULL, true, []::VARCHAR[]
    FROM range(6) r(k)
)
SELECT c.case_name, (coalesce(e.start_minute, 180) * 60 + c.second)::BIGINT AS second, c.event_source, c.event_name, c.region,
       c.error_code, c.request_parameters::JSON AS request_parameters, c.additional_event_data::JSON AS additional_event_data,
       c.read_only, c.hits::VARCHAR[] AS hits
FROM (SELECT * FROM calls UNION ALL SELECT * FROM enumeration) c
LEFT JOIN gen_event_cases e USING (case_name);

-- What each case must do per rule (rule_key as in rules.sql): the threshold rules' as cases.sql states them; an event
-- rule alerts on its fire case and on the campaign's steps it catches, on nothing else.
CREATE OR REPLACE TEMP TABLE gen_case_expectations AS
SELECT case_name, rule_key, expected
FROM (UNPIVOT (SELECT case_name, seed, credential_distributed, low_and_slow, baseline_break FROM gen_cases)
      ON seed, credential_distributed, low_and_slow, baseline_break INTO NAME rule_key VALUE expected)
UNION ALL
SELECT c.case_name, r.rule_key,
       CASE WHEN (c.kind = 'fire' AND c.rule_key = r.rule_key)
                 OR (c.kind = 'campaign' AND r.rule_key IN ('llmjacking_enumeration', 'recon_then_invoke_long_term_key',
                                                            'model_access_enabled', 'invocation_logging_disabled', 'guardrail_weakened'))
            THEN 'alert' ELSE 'no_alert' END
FROM gen_cases c
CROSS JOIN gen_rules r
WHERE r.rule_type <> 'threshold';
