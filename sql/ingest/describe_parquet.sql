-- The columns of one Parquet file, to map them onto record_columns.
SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet({{files}}))
