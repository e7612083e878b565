-- OCSF Parquet (Amazon Security Lake): each row whole, as JSON, for ocsf_records.sql; the same mapping then serves
-- OCSF in JSON and in Parquet, whatever columns a file has or lacks.
SELECT filename AS source_file, to_json(p) AS rec
FROM read_parquet({{files}}, filename = true, union_by_name = true) p
