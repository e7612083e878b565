-- The memory DuckDB holds for in-memory tables: the rows a transaction inserted and has not committed yet (and a
-- staging temp table), which stay pinned until the commit.
SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT
FROM duckdb_memory()
WHERE tag = 'IN_MEMORY_TABLE'
