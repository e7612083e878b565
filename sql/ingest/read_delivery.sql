-- S3 delivery files, {"Records": [ ... ]}: one row per record.
SELECT source_file, r.*
FROM (
    SELECT filename AS source_file, unnest(Records) AS r
    FROM read_json({{files}},
                   format = 'unstructured',
                   compression = {{compression}},
                   filename = true,
                   maximum_object_size = {{max_object_size}},
                   columns = {Records: 'STRUCT({{record_struct}})[]'})
)
