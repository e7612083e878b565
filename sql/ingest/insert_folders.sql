-- Records the folders read this call, as statx saw them before their entries were read.
INSERT INTO listed_folders
SELECT unnest($paths), unnest($parents), unnest($devices), unnest($inodes), unnest($modified), unnest($changed),
       unnest($files), unnest($trusted), $now
