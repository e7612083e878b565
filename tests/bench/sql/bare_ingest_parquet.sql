-- Bare DuckDB: one read_parquet into a table.
CREATE TABLE events AS SELECT * FROM read_parquet('{{DATA}}/**/*.parquet', union_by_name = true)
;
SELECT count(*) FROM events
