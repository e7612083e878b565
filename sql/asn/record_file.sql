-- One file of a load.
INSERT INTO asn_files
SELECT $load_id, $path, $format, $compression, $description, $built_at, $bytes, $modified_at, $sha256,
       (SELECT count(*) FROM asn_stage WHERE file_index = $file_index)
