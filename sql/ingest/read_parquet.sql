-- Parquet with CloudTrail's field names; {{projection}} maps the file's columns onto record_columns.
SELECT filename AS source_file, {{projection}}
FROM read_parquet({{files}}, filename = true, union_by_name = true)
