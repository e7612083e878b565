-- Bedrock model invocation log records (schemaType "ModelInvocationLog"), one JSON value each, as read: the fields
-- ingest keeps, bodies as JSON (their shape depends on the API and the model).
SELECT filename AS source_file, * EXCLUDE (filename)
FROM read_json({{files}},
               format = {{format}},
               records = true,
               compression = {{compression}},
               filename = true,
               maximum_object_size = {{max_object_size}},
               columns = {
                   schemaType: 'VARCHAR', timestamp: 'VARCHAR', accountId: 'VARCHAR', identity: 'JSON',
                   region: 'VARCHAR', requestId: 'VARCHAR', operation: 'VARCHAR', modelId: 'VARCHAR',
                   input: 'JSON', output: 'JSON', errorCode: 'VARCHAR'
               })
