-- The small row groups at the end of cloudtrail_events, where scheduled calls append a few thousand events each: those
-- after its last row group of at least $settled_rows (half a row group). Row counts include deleted rows, as rowids
-- do, so the tail's rows are the rowids from TailStart up to TailStart + TailRows.
WITH groups AS (
    SELECT row_group_id, CAST(sum(count) AS BIGINT) AS rows
    FROM pragma_storage_info('cloudtrail_events')
    WHERE column_id = 0 AND segment_type <> 'VALIDITY'
    GROUP BY row_group_id
), last_settled AS (
    SELECT coalesce(max(row_group_id), -1) AS id FROM groups WHERE rows >= $settled_rows
)
SELECT CAST(coalesce(sum(rows) FILTER (WHERE row_group_id <= id), 0) AS BIGINT) AS TailStart,
       CAST(count(*) FILTER (WHERE row_group_id > id) AS BIGINT)                AS TailGroups,
       CAST(coalesce(sum(rows) FILTER (WHERE row_group_id > id), 0) AS BIGINT) AS TailRows
FROM groups, last_settled
