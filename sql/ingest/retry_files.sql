-- Files whose last attempt did not load: tried again on every call, also in folders that are skipped.
SELECT path FROM ingested_files WHERE status <> 'loaded'
