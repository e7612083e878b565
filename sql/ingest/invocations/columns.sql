-- The fields of a Bedrock model invocation log record that ingest reads (ingest/read_events.sql's columns), bodies as
-- JSON: their shape depends on the API and the model.
schemaType: 'VARCHAR', timestamp: 'VARCHAR', accountId: 'VARCHAR', identity: 'JSON', region: 'VARCHAR',
requestId: 'VARCHAR', operation: 'VARCHAR', modelId: 'VARCHAR', input: 'JSON', output: 'JSON', errorCode: 'VARCHAR'
