-- One row per invocation log file of the day (day_invocations.sql): its records as newline-delimited JSON in time order,
-- for the caller to compress and write (Bedrock delivers gzip files of one JSON record per line).
SELECT relative_path AS RelativePath, count(*) AS Events,
       string_agg(record, chr(10) ORDER BY invocation_time, request_id) || chr(10) AS Content
FROM gen_day_invocations
GROUP BY relative_path
ORDER BY relative_path
