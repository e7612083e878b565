-- Events stored one per JSON value: an array of events, a single event object, or NDJSON.
-- Also Bedrock model invocation log records, with their own columns (ingest/invocations/columns.sql).
-- records = true: each value is a record; without it read_json samples the file at bind time to decide, with a
-- recursive walk that overflows the stack on a value nested ~100,000 deep (the process crashes instead of the file failing).
SELECT filename AS source_file, * EXCLUDE (filename)
FROM read_json({{files}},
               format = {{format}},
               records = true,
               compression = {{compression}},
               filename = true,
               maximum_object_size = {{max_object_size}},
               columns = { {{record_columns}} })
