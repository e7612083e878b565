-- OCSF Parquet (Amazon Security Lake): each row whole, as JSON, for ocsf_records.sql; the same mapping then serves
-- OCSF in JSON and in Parquet, whatever columns a file has or lacks. The partitions of the path (accountId=…) are not
-- read as columns: files of several layouts can share a batch, and ocsf_records.sql reads accountId from the path.
SELECT filename AS source_file, to_json(p) AS rec
FROM read_parquet({{files}}, filename = true, union_by_name = true, hive_partitioning = false) p
