-- Two Parquet files of {{RECORDS}} CloudTrail records (parquet.sh): Athena/Glue style (lower-case columns, objects as
-- JSON text) and Security Lake OCSF (class 3005, requestParameters whole in the unmapped map). A day of Bedrock and
-- other calls by five principals; each requestParameters 1.6 KB from fifty templates; the last 18 records repeat
-- earlier eventIDs. Prints each file's records' size as JSON text.
CREATE TABLE records AS
SELECT 'ev-' || md5((CASE WHEN i >= {{RECORDS}} - 18 THEN i - 1000 ELSE i END)::VARCHAR) AS event_id,
       TIMESTAMP '2025-06-02 00:00:00' + to_microseconds((i * 1234567)::BIGINT % 86400000000) AS event_time,
       CASE WHEN i % 3 = 0 THEN 's3.amazonaws.com' ELSE 'bedrock.amazonaws.com' END AS event_source,
       CASE WHEN i % 3 = 0 THEN 'GetObject' ELSE 'InvokeModel' END AS event_name,
       'arn:aws:sts::444455556666:assumed-role/worker/session-' || (i % 5) AS arn,
       '{"modelId":"anthropic.claude-3-haiku-20240307-v1:0","body":"' || repeat(md5((i % 50)::VARCHAR), 50) || '"}' AS request_parameters
FROM range({{RECORDS}}) t(i)
;
COPY (
    SELECT '1.09' AS eventversion,
           {'type': 'AssumedRole', 'principalid': 'AROAEXAMPLE:session', 'arn': arn, 'accountid': '444455556666',
            'invokedby': NULL::VARCHAR, 'accesskeyid': 'ASIAEXAMPLE', 'username': NULL::VARCHAR} AS useridentity,
           strftime(event_time, '%Y-%m-%dT%H:%M:%SZ') AS eventtime, event_source AS eventsource, event_name AS eventname,
           'us-east-1' AS awsregion, '198.51.100.7' AS sourceipaddress, 'Boto3/1.34.0' AS useragent,
           NULL::VARCHAR AS errorcode, NULL::VARCHAR AS errormessage, request_parameters AS requestparameters,
           NULL::VARCHAR AS responseelements, NULL::VARCHAR AS additionaleventdata, md5(event_id) AS requestid,
           event_id AS eventid, 'AwsApiCall' AS eventtype, 'true' AS readonly, '444455556666' AS recipientaccountid
    FROM records
) TO '{{OUT}}/glue/cloudtrail.parquet' (FORMAT parquet)
;
COPY (
    SELECT {'product': {'version': '1.09', 'name': 'CloudTrail', 'vendor_name': 'AWS', 'feature': {'name': 'Management'}},
            'uid': event_id, 'profiles': ['cloud'], 'version': '1.0.0-rc.2'} AS metadata,
           epoch_ms(event_time) AS time,
           {'region': 'us-east-1', 'provider': 'AWS'} AS cloud,
           {'response': {'error': NULL::VARCHAR, 'message': NULL::VARCHAR}, 'operation': event_name,
            'version': NULL::VARCHAR, 'service': {'name': event_source}, 'request': {'uid': md5(event_id)}} AS api,
           {'user': {'type': 'AssumedRole', 'name': NULL::VARCHAR, 'uid': 'AROAEXAMPLE:session', 'uuid': arn,
                     'account_uid': '444455556666', 'credential_uid': 'ASIAEXAMPLE'},
            'session': {'created_time': NULL::BIGINT, 'mfa': false, 'issuer': NULL::VARCHAR},
            'invoked_by': NULL::VARCHAR} AS actor,
           {'user_agent': 'Boto3/1.34.0'} AS http_request,
           {'uid': NULL::VARCHAR, 'ip': '198.51.100.7', 'domain': NULL::VARCHAR} AS src_endpoint,
           'API Activity' AS class_name, 3005 AS class_uid, 'Audit Activity' AS category_name, 3 AS category_uid,
           MAP {'requestParameters': request_parameters, 'recipientAccountId': '444455556666'} AS unmapped
    FROM records
) TO '{{OUT}}/ocsf/ocsf.parquet' (FORMAT parquet)
;
SELECT 'glue', sum(length(to_json(r)))::BIGINT FROM records r
UNION ALL
SELECT 'ocsf', sum(length(to_json(r)))::BIGINT FROM records r
