-- Events stored one per JSON value: an array of events, a single event object, or NDJSON.
SELECT filename AS source_file, * EXCLUDE (filename)
FROM read_json({{files}},
               format = {{format}},
               compression = {{compression}},
               filename = true,
               maximum_object_size = {{max_object_size}},
               columns = { {{record_columns}} })
