-- The planted cases: what a correct implementation of the rule must (and must not) alert on. All of them are
-- on the first day; minutes count from its 00:00 UTC. Rule: successful InvokeModel/Converse/ConverseStream/
-- InvokeModelWithResponseStream calls per (userIdentity.arn, account, modelId), counted in the 60 minutes before
-- every 10-minute mark; alert at >= 500; one alert per (arn, account) per 60 minutes.

CREATE OR REPLACE TEMP TABLE gen_cases AS
SELECT * FROM (VALUES
    ('loud_probing', 'alert', 0, 'IAMUser', 'svc-ml-reporting', NULL, 1, 'requests', 'home',
     'One long-term access key calls one model 960 times in 40 minutes (900 succeed, 60 are throttled): the loud case the rule is tuned for.'),
    ('paced_probing', 'no_alert', 0, 'AssumedRole', 'partner-sync-role', 'partner-sync', 1, 'sdk-python', 'saas',
     'One principal probes one model at 490 calls per rolling 60 minutes for 4 hours: stays under the threshold in every window, so the rule misses it by design.'),
    ('distributed_probing', 'no_alert', 2, 'AssumedRole', 'batch-inference-worker', 'worker', 10, 'sdk-python', 'vpc',
     '10 sessions of one role call one model 200 times each within one hour (2,000 calls): the rule counts per principal ARN, so no single one reaches the threshold.'),
    ('rag_service', 'expected_false_positive', 0, 'AssumedRole', 'rag-service-task-role', 'rag-api', 1, 'sdk-java', 'vpc',
     'A retrieval-augmented generation service: 600 embedding calls per hour plus 200 chat calls per hour for 3 business hours. Over the threshold: the rule''s documented false positive.'),
    ('eval_pipeline', 'expected_false_positive', 1, 'AssumedRole', 'model-eval-pipeline', 'nightly-eval', 1, 'sdk-python', 'vpc',
     'A nightly model evaluation: 1,200 calls to one model in 30 minutes. Over the threshold: the rule''s documented false positive.'),
    ('sustained_probing', 'alert', 1, 'AssumedRole', 'ml-notebook-role', 'SageMaker', 1, 'notebook', 'office',
     'One principal probes one inference profile at 700 calls per hour for 3 hours: alerts open every 60 minutes (suppression folds the windows in between).'),
    ('threshold_exact', 'alert', 1, 'IAMUser', 'intern-sandbox', NULL, 1, 'cli', 'home',
     'Exactly 500 successful calls to one model within 50 minutes: count >= 500 alerts.'),
    ('failures_not_counted', 'no_alert', 2, 'AssumedRole', 'data-export-role', 'export-job', 1, 'sdk-python', 'vpc',
     '600 calls to one model in 40 minutes of which 150 fail with AccessDenied: only the 450 successful calls count.')
) t(case_name, expected, account_no, identity_type, name, session_name, principals, ua_kind, ip_kind, description);

-- What each case calls: per principal, `calls` calls evenly spread over [start, start + duration);
-- every fail_every-th call fails with error_code (0: none fail).
CREATE OR REPLACE TEMP TABLE gen_case_streams AS
SELECT * FROM (VALUES
    ('loud_probing',         0, 'us-east-1', 'anthropic.claude-3-haiku-20240307-v1:0',                                ['InvokeModel'],                                   960, 16, 'ThrottlingException',  605,  40),
    ('paced_probing',        0, 'us-west-2', 'anthropic.claude-3-5-sonnet-20241022-v2:0',                              ['Converse'],                                     1960,  0, NULL,                   720, 240),
    ('distributed_probing',  0, 'us-east-1', 'arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0', ['InvokeModel'],                          200,  0, NULL,                  1080,  60),
    ('rag_service',          0, 'us-east-1', 'amazon.titan-embed-text-v2:0',                                           ['InvokeModel'],                                  1800,  0, NULL,                   480, 180),
    ('rag_service',          1, 'us-east-1', 'us.anthropic.claude-3-5-haiku-20241022-v1:0',                            ['Converse', 'ConverseStream'],                    600,  0, NULL,                   480, 180),
    ('eval_pipeline',        0, 'us-west-2', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-pro-v1:0',       ['InvokeModel'],                                  1200,  0, NULL,                   120,  30),
    ('sustained_probing',    0, 'us-east-1', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0',                           ['InvokeModelWithResponseStream', 'ConverseStream'], 2100, 0, NULL,                  780, 180),
    ('threshold_exact',      0, 'us-east-1', 'amazon.nova-lite-v1:0',                                                  ['Converse'],                                      500,  0, NULL,                  1200,  50),
    ('failures_not_counted', 0, 'us-west-2', 'anthropic.claude-3-haiku-20240307-v1:0',                                 ['InvokeModel'],                                   600,  4, 'AccessDenied',        1260,  40)
) t(case_name, stream_no, region, model_id, event_names, calls, fail_every, error_code, start_minute, duration_minutes);
