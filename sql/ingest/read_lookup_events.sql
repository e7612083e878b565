-- The output of `aws cloudtrail lookup-events`, {"Events": [{"EventId": ..., "CloudTrailEvent": "<the event as a
-- JSON string>"}, ...]}: one row per event, the embedded event parsed like a raw record (history_records.sql).
SELECT source_file, e.CloudTrailEvent AS CloudTrailEvent
FROM (
    SELECT filename AS source_file, unnest(Events) AS e
    FROM read_json({{files}},
                   format = 'unstructured',
                   records = true,
                   compression = {{compression}},
                   filename = true,
                   maximum_object_size = {{max_object_size}},
                   columns = {Events: 'STRUCT(CloudTrailEvent VARCHAR)[]'})
)
