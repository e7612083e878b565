-- The stored invocations whose bodies delivered separately are not read (--retry-bodies), as the raw records stage.sql
-- parses: what the record said beside its bodies (time, account, principal, region, request id, operation, model,
-- token counts, error, the bodies' paths), kept in their columns; the model id is stored as the record gave it.
CREATE OR REPLACE TEMP TABLE ingest_retry_raw AS
SELECT source_file,
       'ModelInvocationLog' AS schemaType,
       strftime(invocation_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ') AS timestamp,
       account_id AS accountId,
       json_object('arn', principal_arn) AS identity,
       region,
       request_id AS requestId,
       operation,
       model_id AS modelId,
       json_object('inputTokenCount', input_tokens, 'inputBodyS3Path', input_body_s3_path) AS input,
       json_object('outputTokenCount', output_tokens, 'outputBodyS3Path', output_body_s3_path) AS output,
       error_code AS errorCode
FROM bedrock_invocations
WHERE separate_body_read = false
