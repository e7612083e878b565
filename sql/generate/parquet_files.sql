-- Where the Parquet partition files of the day go.
SELECT file_no AS FileNo, relative_path || '.parquet' AS RelativePath, events AS Events FROM gen_day_files ORDER BY file_no
