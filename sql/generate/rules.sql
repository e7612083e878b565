-- The rules the manifest states expectations for, with the parameters of their definitions as shipped
-- (sql/rules/*.json). They are written out here rather than read from those files, so that the reference evaluation
-- (reference_*.sql) shares nothing with the product's rules; a test checks that both say the same.
--   group_by, suppress_by      the alerts table's key columns (user_arn, account_id, model_id, source_ip)
--   settings                   the rule's own settings besides threshold, window, interval and suppression
--   background_may_alert       whether the background traffic may raise alerts of the rule (listed in the manifest)
--                              or must raise none (generation fails otherwise)
CREATE OR REPLACE TEMP TABLE gen_rules AS
SELECT * FROM (VALUES
    (0, 'seed', '56312ef5-656c-4bf7-ad9a-affed052b102',
     'AWS Bedrock High-Frequency Single-Model Inference API Probing',
     ['user_arn', 'account_id', 'model_id'], 500, 60, 10, ['user_arn', 'account_id'], 60,
     MAP {}::MAP(VARCHAR, BIGINT), false,
     'Background pairs are capped at 480 calls in any 60 minutes: they must raise no alert.'),
    (1, 'credential_distributed', 'ad077b94-32a3-470b-82cf-05975564baa9',
     'AWS Bedrock Credential-Distributed Single-Model Inference Probing',
     ['account_id', 'model_id', 'source_ip'], 500, 60, 10, ['account_id', 'source_ip'], 60,
     MAP {'min_principals': 3, 'principal_cap': 500}::MAP(VARCHAR, BIGINT), false,
     'Background principals call from addresses drawn per call and never 500 times from one: they must raise no alert.'),
    (2, 'low_and_slow', '103f83b8-f5d2-4d42-9fcb-ecb7900e1c56',
     'AWS Bedrock Low-and-Slow Single-Model Inference Probing',
     ['user_arn', 'account_id', 'model_id'], 2000, 1440, 60, ['user_arn', 'account_id'], 1440,
     MAP {'min_hours': 12, 'hour_cap': 500}::MAP(VARCHAR, BIGINT), true,
     'The busiest background pairs call all day: at a few million events a day they pass 2,000 calls a day (the rule''s documented false positive); their alerts are listed.'),
    (3, 'baseline_break', '1934bd11-f476-48cd-a252-1ccf6ad54042',
     'AWS Bedrock Single-Model Inference Rate Baseline Break',
     ['user_arn', 'account_id', 'model_id'], 100, 60, 10, ['user_arn', 'account_id'], 60,
     MAP {'factor': 10, 'baseline_days': 14}::MAP(VARCHAR, BIGINT), true,
     'A background pair without history (the first day, or a quiet one) that reaches 100 calls in 60 minutes breaks a baseline of 0; such alerts are listed.')
) t(rule_no, rule_key, rule_id, name, group_by, threshold, window_minutes, interval_minutes, suppress_by,
    suppression_minutes, settings, background_may_alert, background_note);
