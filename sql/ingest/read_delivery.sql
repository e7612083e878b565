-- S3 delivery files, {"Records": [ ... ]}: one row per record.
-- records = true: each value is a record; without it read_json samples the file at bind time to decide, with a
-- recursive walk that overflows the stack on a value nested ~100,000 deep (the process crashes instead of the file failing).
SELECT source_file, r.*
FROM (
    SELECT filename AS source_file, unnest(Records) AS r
    FROM read_json({{files}},
                   format = 'unstructured',
                   records = true,
                   compression = {{compression}},
                   filename = true,
                   maximum_object_size = {{max_object_size}},
                   columns = {Records: 'STRUCT({{record_struct}})[]'})
)
