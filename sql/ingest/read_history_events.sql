-- Event history records one per JSON value (NDJSON, one lookup-events record a line, or an array of them): only
-- CloudTrailEvent is read, the event itself (an object there instead of a string is read as its JSON text).
SELECT filename AS source_file, CloudTrailEvent
FROM read_json({{files}},
               format = {{format}},
               records = true,
               compression = {{compression}},
               filename = true,
               maximum_object_size = {{max_object_size}},
               columns = {CloudTrailEvent: 'VARCHAR'})
