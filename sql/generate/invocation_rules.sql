-- The rules over Bedrock model invocation logs and the blind-spot rule (after event_cases.sql), with the parameters of
-- their definitions as shipped (sql/rules/*.json, "reads": "invocations"), written out as rules.sql writes the others.
-- reads: what a rule reads, for the manifest: cloudtrail; invocations (the invocation log records); or, for the
-- blind-spot rule, cloudtrail and where invocation logs were delivered. These rules have no fire and near-miss cases
-- of their own: they read the invocation logs of the planted profiles (invocations.sql) and the logging stops, and the
-- reference (reference_invocation_rules.sql) finds their hits in every record written.
ALTER TABLE gen_rules ADD COLUMN reads VARCHAR DEFAULT 'cloudtrail';

INSERT INTO gen_rules (rule_no, rule_key, rule_id, name, rule_type, event_source, event_names, counts, group_by, threshold,
                       window_minutes, interval_minutes, suppress_by, suppression_minutes, settings, background_may_alert,
                       background_note, reads)
SELECT rule_no, rule_key, rule_id, name, 'match',
       CASE WHEN rule_key = 'invocation_logging_blind_spot' THEN 'bedrock.amazonaws.com' END,
       CASE WHEN rule_key = 'invocation_logging_blind_spot'
            THEN ['InvokeModel', 'Converse', 'ConverseStream', 'InvokeModelWithResponseStream'] ELSE []::VARCHAR[] END, counts, group_by, threshold, window_minutes,
       interval_minutes, CASE WHEN rule_key = 'invocation_logging_blind_spot' THEN ['account_id'] ELSE ['user_arn', 'account_id'] END, 60, settings, background_may_alert, background_note,
       CASE WHEN rule_key = 'invocation_logging_blind_spot' THEN 'cloudtrail, invocation log delivery' ELSE 'invocations' END
FROM (VALUES
    (23, 'guardrail_violations', '0cd2f3e6-41da-40e6-b28b-466f688f00a6',
     'AWS Bedrock Guardrails Detected Multiple Violations by a Single User Over a Session',
     'invocations a guardrail intervened in', ['user_arn', 'account_id', 'model_id'], 2, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (24, 'content_filter_blocks', '4f855297-c8e0-4097-9d97-d653f7e471c4',
     'Unusual High Confidence Content Filter Blocks Detected',
     'prompts blocked by high-confidence content filters, min_blocks of them', ['user_arn', 'account_id'], 1, 60, 10,
     MAP {'min_blocks': 5}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (25, 'denied_topic_blocks', '266bbea8-fcf9-4b0e-ba7b-fc00f6b1dc73',
     'Unusual High Denied Topic Blocks Detected',
     'invocations blocked by denied topics', ['user_arn', 'account_id'], 6, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (26, 'word_policy_blocks', '3216949c-9300-4c53-b57a-221e364c6457',
     'Unusual High Word Policy Blocks Detected',
     'invocations blocked by word filters', ['user_arn', 'account_id'], 6, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (27, 'sensitive_information_blocks', '0e1af929-42ed-4262-a846-55a7c54e7c84',
     'Unusual High Denied Sensitive Information Policy Blocks Detected',
     'invocations blocked by the sensitive-information policy', ['user_arn', 'account_id'], 6, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (28, 'guardrail_multiple_policies', 'f4c2515a-18bb-47ce-a768-1dc4e7b0fe6c',
     'AWS Bedrock Guardrails Detected Multiple Policy Violations Within a Single Blocked Request',
     'blocked requests that several guardrail policies flagged', ['user_arn', 'account_id', 'model_id'], 1, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'No generated invocation has a guardrail intervention or assessment: it must raise no alert.'),
    (29, 'denied_models', '17261da3-a6d0-463c-aac8-ea1718afcd20',
     'AWS Bedrock Detected Multiple Attempts to use Denied Models by a Single User',
     'invocations failing with AccessDeniedException', ['user_arn', 'account_id', 'model_id'], 4, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'Background traffic has no invocation logs: it must raise no alert.'),
    (30, 'validation_exception_burst', '725a048a-88c5-4fc7-8677-a44fc0031822',
     'AWS Bedrock Detected Multiple Validation Exception Errors by a Single User',
     'invocations failing with ValidationException', ['user_arn', 'account_id'], 4, 1, 1,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'Background traffic has no invocation logs: it must raise no alert.'),
    (31, 'high_token_consumption', 'b1773d05-f349-45fb-9850-287b8f92f02d',
     'Potential Abuse of Resources by High Token Count and Large Response Sizes',
     'invocations of a principal; a window fires at threshold of them when the largest prompt is over max_prompt_tokens, completions average over avg_completion_tokens and (largest prompt // 1000) x count x (average completion / 500) is over min_risk',
     ['user_arn', 'account_id'], 11, 60, 10,
     MAP {'max_prompt_tokens': 5000, 'avg_completion_tokens': 500, 'min_risk': 10}::MAP(VARCHAR, BIGINT), false,
     'Background traffic has no invocation logs: it must raise no alert.'),
    (32, 'invocations_without_guardrails', 'f2c653b7-7daf-4774-86f2-34cdbd1fc528',
     'AWS Bedrock Invocations without Guardrails Detected by a Single User Over a Session',
     'invocations whose record shows no guardrail (no guardrailConfig in the request, no guardrail action in the response)',
     ['user_arn', 'account_id'], 6, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'Background traffic has no invocation logs: it must raise no alert.'),
    (33, 'credentials_in_prompt', '68521f99-9b4f-40ef-a4e7-4d74794852b2',
     'AWS Bedrock Model Prompt or Completion Containing Credentials',
     'Converse prompts or completions holding a credential', ['user_arn', 'account_id', 'model_id'], 1, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'Generated texts are words of a fixed vocabulary, never a credential: it must raise no alert.'),
    (34, 'execution_in_prompt', '51d50385-aa3d-448c-bc48-7d6bc39108a3',
     'AWS Bedrock High Risk Filesystem or Execution Tool Invocation',
     'request bodies holding shell or code execution fragments', ['user_arn', 'account_id', 'model_id'], 1, 60, 10,
     MAP {}::MAP(VARCHAR, BIGINT), false, 'Generated texts are words of a fixed vocabulary, never an execution fragment: it must raise no alert.'),
    (35, 'invocation_logging_blind_spot', '5b1e0c2a-7f44-4d2e-9a6b-3c8e1d0f7a21',
     'AWS Bedrock Inference Without Invocation Logs (Logging Blind Spot)',
     'successful inference calls of an account, region and hour without invocation log records, where records were delivered in the delivering_days days before; hour-aligned windows per account and model',
     ['account_id', 'model_id'], 5, 60, 60,
     MAP {'delivering_days': 7}::MAP(VARCHAR, BIGINT), true,
     'Its alerts name an account and model, no principal: those of the planted logging stops (the manifest''s invocation_logs.logging_stops) are listed here, under no case.')
) t(rule_no, rule_key, rule_id, name, counts, group_by, threshold, window_minutes, interval_minutes, settings,
    background_may_alert, background_note);

-- What each case must do per rule over invocation logs: "invocations without guardrails" alerts on the cases whose
-- principals call without a guardrail (invocations.sql, guarded) in logged hours, six calls or more in an hour: the
-- probers, the campaign (its six failed enumeration calls show no guardrail), and, as that rule's documented false
-- positives, the evaluation pipeline and the RAG service's embedding calls; threshold_exact calls only after its
-- account's logging stopped. No case makes any other of these rules alert, and none alerts without invocation logs
-- (--no-invocation-logs).
INSERT INTO gen_case_expectations
SELECT c.case_name, r.rule_key,
       CASE WHEN r.rule_key <> 'invocations_without_guardrails' OR NOT g.invocation_logs THEN 'no_alert'
            WHEN c.case_name IN ('rag_service', 'eval_pipeline') THEN 'expected_false_positive'
            WHEN c.case_name IN ('loud_probing', 'paced_probing', 'distributed_probing', 'low_and_slow_probing',
                                 'sustained_probing', 'llmjacking_campaign') THEN 'alert'
            ELSE 'no_alert' END
FROM gen_cases c
CROSS JOIN gen_rules r
CROSS JOIN gen_params g
WHERE r.rule_no >= 23;
