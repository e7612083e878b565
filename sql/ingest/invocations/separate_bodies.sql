-- The bodies fetched for the batch, read in one pass: each object's path (s3://bucket/key) and its local copy
-- (decompressed when the object was gzip). A body that is not valid JSON has no value (body NULL): its record stays unread.
CREATE OR REPLACE TEMP TABLE ingest_separate_bodies AS
SELECT f.path, CASE WHEN json_valid(t.content) THEN t.content::JSON END AS body
FROM (SELECT unnest({{paths}}) AS path, unnest({{files}}) AS file) f
LEFT JOIN read_text({{files}}) t ON t.filename = f.file
