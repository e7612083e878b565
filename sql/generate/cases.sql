-- The planted cases: what a correct implementation of each rule (rules.sql) must, and must not, alert on. All of
-- them are on the first day; minutes count from its 00:00 UTC. Every rule counts successful InvokeModel/Converse/
-- ConverseStream/InvokeModelWithResponseStream calls against one model:
--   seed                    per (userIdentity.arn, account, modelId), 60 minutes before every 10-minute mark, >= 500
--   credential_distributed  per (account, modelId, sourceIPAddress), 60 minutes every 10, >= 500 calls from >= 3
--                           principals none of which has 500
--   low_and_slow            per (userIdentity.arn, account, modelId), 24 hours before every whole hour, >= 2,000 calls
--                           in >= 12 distinct hours, every hour-aligned hour under 500
--   baseline_break          per (userIdentity.arn, account, modelId), 60 minutes every 10, >= max(100, 10 x the p95 of
--                           its calls per hour over the 14 days before)
-- Each case states per rule: alert, no_alert, or expected_false_positive (benign, but the rule alerts); the event
-- rules' expectations, and the cases planted for the event rules, are in event_cases.sql.
-- shared_ip: the case's principals call from one source IP address (otherwise each from its own).

CREATE OR REPLACE TEMP TABLE gen_cases AS
SELECT * FROM (VALUES
    ('loud_probing', 0, 'IAMUser', 'svc-ml-reporting', NULL, 1, false, 'requests', 'home',
     'alert', 'no_alert', 'no_alert', 'alert',
     'One long-term access key calls one model 960 times in 40 minutes (900 succeed, 60 are throttled): the loud case the seed rule is tuned for.'),
    ('paced_probing', 0, 'AssumedRole', 'partner-sync-role', 'partner-sync', 1, false, 'sdk-python', 'saas',
     'no_alert', 'no_alert', 'no_alert', 'alert',
     'One principal probes one model at 490 calls per rolling 60 minutes for 4 hours: stays under the seed rule''s threshold in every window, so that rule misses it by design; 1,960 calls in 4 hours are too few and too short a day for the low-and-slow rule.'),
    ('distributed_probing', 2, 'AssumedRole', 'batch-inference-worker', 'worker', 10, true, 'sdk-python', 'vpc',
     'no_alert', 'alert', 'no_alert', 'alert',
     '10 sessions of one role call one model 200 times each within one hour (2,000 calls), all from one host''s source IP: the seed rule counts per principal ARN, so no single one reaches its threshold; the credential-distributed rule counts per source IP and alerts.'),
    ('low_and_slow_probing', 1, 'IAMUser', 'svc-model-monitor', NULL, 1, false, 'sdk-go', 'saas',
     'no_alert', 'no_alert', 'alert', 'no_alert',
     'One long-term access key calls one model 95 times an hour for 22 hours (2,090 calls): under the seed rule''s threshold and the baseline-break rule''s floor of 100 calls in every 60-minute window; the low-and-slow rule alerts once its day-long window holds 2,000 calls.'),
    ('rag_service', 0, 'AssumedRole', 'rag-service-task-role', 'rag-api', 1, false, 'sdk-java', 'vpc',
     'expected_false_positive', 'no_alert', 'no_alert', 'expected_false_positive',
     'A retrieval-augmented generation service: 600 embedding calls per hour plus 200 chat calls per hour for 3 business hours. Over the seed rule''s threshold: its documented false positive.'),
    ('eval_pipeline', 1, 'AssumedRole', 'model-eval-pipeline', 'nightly-eval', 1, false, 'sdk-python', 'vpc',
     'expected_false_positive', 'no_alert', 'no_alert', 'expected_false_positive',
     'A nightly model evaluation: 1,200 calls to one model in 30 minutes. Over the seed rule''s threshold: its documented false positive.'),
    ('sustained_probing', 1, 'AssumedRole', 'ml-notebook-role', 'SageMaker', 1, false, 'notebook', 'office',
     'alert', 'no_alert', 'no_alert', 'alert',
     'One principal probes one inference profile at 700 calls per hour for 3 hours: the seed rule''s alerts open every 60 minutes (suppression folds the windows in between).'),
    ('threshold_exact', 1, 'IAMUser', 'intern-sandbox', NULL, 1, false, 'cli', 'home',
     'alert', 'no_alert', 'no_alert', 'alert',
     'Exactly 500 successful calls to one model within 50 minutes: count >= 500 alerts.'),
    ('failures_not_counted', 2, 'AssumedRole', 'data-export-role', 'export-job', 1, false, 'sdk-python', 'vpc',
     'no_alert', 'no_alert', 'no_alert', 'alert',
     '600 calls to one model in 40 minutes of which 150 fail with AccessDenied: only the 450 successful calls count, under the seed rule''s threshold (but over the baseline-break rule''s floor for a principal with no history).'),
    ('llmjacking_campaign', 0, 'IAMUser', 'svc-batch-summaries', NULL, 1, false, 'requests', 'attacker',
     'alert', 'no_alert', 'no_alert', 'alert',
     'An LLMjacking campaign with a stolen long-term access key, from a VPN address the key never used: it checks the key (GetCallerIdentity), lists the foundation models, sends invalid requests to five models in three regions (ValidationException, AccessDeniedException), checks whether invocation logging is on, enables model access (use case, licence agreement, entitlement), deletes the invocation logging configuration and a guardrail, then invokes one model 600 times in 40 minutes. Seven rules alert on the one principal: LLMjacking enumeration, model access enabled, logging disabled, guardrail deleted, enumeration then invocation by a long-term key, the seed rule and the baseline break.')
) t(case_name, account_no, identity_type, name, session_name, principals, shared_ip, ua_kind, ip_kind,
    seed, credential_distributed, low_and_slow, baseline_break, description);

-- What each case calls: per principal, `calls` calls evenly spread over [start, start + duration);
-- every fail_every-th call fails with error_code (0: none fail).
CREATE OR REPLACE TEMP TABLE gen_case_streams AS
SELECT * FROM (VALUES
    ('loud_probing',         0, 'us-east-1', 'anthropic.claude-3-haiku-20240307-v1:0',                                ['InvokeModel'],                                   960, 16, 'ThrottlingException',  605,   40),
    ('paced_probing',        0, 'us-west-2', 'anthropic.claude-3-5-sonnet-20241022-v2:0',                              ['Converse'],                                     1960,  0, NULL,                   720,  240),
    ('distributed_probing',  0, 'us-east-1', 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0', ['InvokeModel'],                          200,  0, NULL,                  1080,   60),
    ('low_and_slow_probing', 0, 'us-east-1', 'us.anthropic.claude-3-7-sonnet-20250219-v1:0',                           ['Converse'],                                     2090,  0, NULL,                    60, 1320),
    ('rag_service',          0, 'us-east-1', 'amazon.titan-embed-text-v2:0',                                           ['InvokeModel'],                                  1800,  0, NULL,                   480,  180),
    ('rag_service',          1, 'us-east-1', 'us.anthropic.claude-3-5-haiku-20241022-v1:0',                            ['Converse', 'ConverseStream'],                    600,  0, NULL,                   480,  180),
    ('eval_pipeline',        0, 'us-west-2', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0',       ['InvokeModel'],                                  1200,  0, NULL,                   120,   30),
    ('sustained_probing',    0, 'us-east-1', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',                           ['InvokeModelWithResponseStream', 'ConverseStream'], 2100, 0, NULL,                  780,  180),
    ('threshold_exact',      0, 'us-east-1', 'amazon.nova-lite-v1:0',                                                  ['Converse'],                                      500,  0, NULL,                  1200,   50),
    ('failures_not_counted', 0, 'us-west-2', 'anthropic.claude-3-haiku-20240307-v1:0',                                 ['InvokeModel'],                                   600,  4, 'AccessDenied',        1260,   40),
    -- the campaign's enumeration: one invalid request to each of five models, then denied calls in two more regions
    ('llmjacking_campaign',  0, 'us-east-1', 'anthropic.claude-3-opus-20240229-v1:0',                                  ['InvokeModel'],                                     1,  1, 'ValidationException',  181,    1),
    ('llmjacking_campaign',  1, 'us-east-1', 'anthropic.claude-3-5-sonnet-20241022-v2:0',                              ['InvokeModel'],                                     1,  1, 'ValidationException',  182,    1),
    ('llmjacking_campaign',  2, 'us-east-1', 'meta.llama3-1-405b-instruct-v1:0',                                       ['InvokeModel'],                                     1,  1, 'ValidationException',  183,    1),
    ('llmjacking_campaign',  3, 'us-east-1', 'mistral.mistral-large-2407-v1:0',                                        ['Converse'],                                        1,  1, 'ValidationException',  184,    1),
    ('llmjacking_campaign',  4, 'us-west-2', 'anthropic.claude-3-haiku-20240307-v1:0',                                 ['InvokeModel'],                                     1,  1, 'AccessDeniedException', 185,   1),
    ('llmjacking_campaign',  5, 'eu-west-1', 'anthropic.claude-3-haiku-20240307-v1:0',                                 ['InvokeModel'],                                     1,  1, 'AccessDeniedException', 186,   1),
    -- ... and, once logging and the guardrail are gone, the volume: 600 calls in 40 minutes on the model that answered
    ('llmjacking_campaign',  6, 'us-east-1', 'anthropic.claude-3-haiku-20240307-v1:0',                                 ['InvokeModel'],                                   600,  0, NULL,                   193,   40)
) t(case_name, stream_no, region, model_id, event_names, calls, fail_every, error_code, start_minute, duration_minutes);
