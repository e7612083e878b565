-- OCSF or ECS records in JSON (an array, NDJSON or other JSON values): each record whole, as JSON, for
-- ocsf_records.sql or ecs_records.sql to pick apart.
SELECT filename AS source_file, json AS rec
FROM read_json_objects({{files}},
                       format = {{format}},
                       compression = {{compression}},
                       filename = true,
                       maximum_object_size = {{max_object_size}})
