-- Which of the fields ingest cannot do without each Parquet file has (read from the footers only); class_uid marks
-- an OCSF file (Amazon Security Lake).
SELECT DISTINCT file_name AS FileName, lower(name) AS Field
FROM parquet_schema({{files}})
WHERE lower(name) IN ('eventid', 'eventtime', 'eventsource', 'eventname', 'class_uid')
