-- The fetched objects whose content is not JSON.
SELECT path FROM ingest_separate_bodies WHERE body IS NULL ORDER BY path
