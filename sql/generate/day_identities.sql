-- userIdentity of every principal for each hour of the day: roles get new session credentials every hour.
-- ui_json has exactly the keys CloudTrail writes for the identity type; ui_struct is the same as one STRUCT
-- type (absent keys NULL), for Parquet.
CREATE OR REPLACE TEMP TABLE gen_identities AS
WITH sessions AS (
    SELECT p.*, h.hour,
           CASE WHEN p.identity_type = 'IAMUser' THEN p.long_term_key
                ELSE 'ASIA' || gen_chars(hash(g.seed, t.day_no, h.hour, p.principal_no, 'asia1'),
                                         hash(g.seed, t.day_no, h.hour, p.principal_no, 'asia2'),
                                         'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)
           END AS access_key_id,
           gen_iso(t.day_start + to_hours(h.hour) - to_minutes((hash(g.seed, t.day_no, h.hour, p.principal_no, 'sess') % 50)::BIGINT)) AS created
    FROM gen_principals p
    CROSS JOIN (SELECT unnest(range(24)) AS hour) h
    CROSS JOIN gen_today t
    CROSS JOIN gen_params g
)
SELECT
    principal_no, hour::INTEGER AS hour,
    CASE identity_type
        WHEN 'IAMUser' THEN json_object(
            'type', 'IAMUser', 'principalId', unique_id, 'arn', arn, 'accountId', account_id,
            'accessKeyId', access_key_id, 'userName', name)
        WHEN 'AssumedRole' THEN json_object(
            'type', 'AssumedRole', 'principalId', unique_id || ':' || session_name, 'arn', arn, 'accountId', account_id,
            'accessKeyId', access_key_id,
            'sessionContext', json_object(
                'sessionIssuer', json_object('type', 'Role', 'principalId', unique_id, 'arn', role_arn,
                                             'accountId', account_id, 'userName', name),
                'webIdFederationData', json_object(),
                'attributes', json_object('creationDate', created, 'mfaAuthenticated', 'false')))
        ELSE json_object('type', 'AWSService', 'invokedBy', name)
    END AS ui_json,
    {
        'type': identity_type,
        'principalId': CASE identity_type WHEN 'IAMUser' THEN unique_id WHEN 'AssumedRole' THEN unique_id || ':' || session_name END,
        'arn': arn,
        'accountId': CASE WHEN identity_type <> 'AWSService' THEN account_id END,
        'accessKeyId': CASE WHEN identity_type <> 'AWSService' THEN access_key_id END,
        'userName': CASE WHEN identity_type = 'IAMUser' THEN name END,
        'invokedBy': CASE WHEN identity_type = 'AWSService' THEN name END,
        'sessionContext': CASE WHEN identity_type = 'AssumedRole' THEN {
            'sessionIssuer': {'type': 'Role', 'principalId': unique_id, 'arn': role_arn, 'accountId': account_id, 'userName': name},
            'attributes': {'creationDate': created, 'mfaAuthenticated': 'false'}
        } END
    } AS ui_struct
FROM sessions
