-- The records of the batch's files whose bodies were delivered separately, with the bodies read
-- (ingest_separate_bodies) for stage.sql. A record is read whole or not at all: bodies_read when every body it
-- references was read and is JSON; otherwise neither body is used and the record keeps its signals unknown.
WITH raw AS (
{{raw}}
), referenced AS (
    SELECT *, input ->> '$.inputBodyS3Path' AS in_path, output ->> '$.outputBodyS3Path' AS out_path
    FROM raw
), joined AS (
    SELECT r.*, bi.body AS in_read, bo.body AS out_read,
           (r.in_path IS NULL OR bi.body IS NOT NULL) AND (r.out_path IS NULL OR bo.body IS NOT NULL) AS whole
    FROM referenced r
    LEFT JOIN ingest_separate_bodies bi ON bi.path = r.in_path
    LEFT JOIN ingest_separate_bodies bo ON bo.path = r.out_path
    WHERE r.in_path IS NOT NULL OR r.out_path IS NOT NULL
)
SELECT * EXCLUDE (in_path, out_path, in_read, out_read, whole),
       CASE WHEN whole THEN in_read END AS fetched_input,
       CASE WHEN whole THEN out_read END AS fetched_output,
       whole AS bodies_read
FROM joined
