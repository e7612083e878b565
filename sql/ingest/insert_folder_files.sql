-- The files listed in the folders that this call read.
INSERT INTO folder_files SELECT unnest($folders), unnest($paths), unnest($sizes), unnest($times)
