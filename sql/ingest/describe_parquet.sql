-- The columns of a batch's Parquet files, unioned by name, to map them onto record_columns.
SELECT column_name AS Name, column_type AS Type FROM (DESCRIBE SELECT * FROM read_parquet({{files}}, union_by_name = true))
