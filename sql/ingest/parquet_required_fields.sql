-- Which of the fields ingest cannot do without each Parquet file has (read from the footers only).
SELECT DISTINCT file_name AS FileName, lower(name) AS Field
FROM parquet_schema({{files}})
WHERE lower(name) IN ('eventid', 'eventtime', 'eventsource', 'eventname')
