DROP TABLE IF EXISTS folder_files
