-- An object deleted since it failed: nothing is left to retry.
DELETE FROM ingested_files WHERE path = $path AND status <> 'loaded'
