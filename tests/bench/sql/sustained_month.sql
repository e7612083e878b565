-- A month of sustained probing for the publish benchmark: one principal calling one model 600 times an hour, every
-- hour of 30 days from the benchmark's start (2026-01-01) (432,000 events, one every 6 seconds), written as NDJSON CloudTrail records to
-- {{DATA}}/sustained.ndjson. The rule raises a new alert every hour (720 alerts), each with ~1,100 counted events.
COPY (
    SELECT
        '1.09' AS eventVersion,
        {type: 'AssumedRole', principalId: 'AROASUSTAINED:prober',
         arn: 'arn:aws:sts::999988887777:assumed-role/sustained-prober/session',
         accountId: '999988887777', accessKeyId: 'ASIASUSTAINED'} AS userIdentity,
        strftime(TIMESTAMP '2026-01-01 00:00:00' + to_seconds(6 * i), '%Y-%m-%dT%H:%M:%SZ') AS eventTime,
        'bedrock.amazonaws.com' AS eventSource,
        'InvokeModel' AS eventName,
        'us-east-1' AS awsRegion,
        '203.0.113.' || (i % 7 + 1) AS sourceIPAddress,
        'Boto3/1.34.0' AS userAgent,
        {modelId: 'anthropic.claude-3-haiku-20240307-v1:0'} AS requestParameters,
        'sustained-' || lpad(i::VARCHAR, 9, '0') AS eventID,
        'AwsApiCall' AS eventType,
        '999988887777' AS recipientAccountId
    FROM range(432000) t(i)
) TO '{{DATA}}/sustained.ndjson' (FORMAT JSON)
;
SELECT 432000
