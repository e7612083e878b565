-- Read folders with a listed file that ingested_files does not hold as listed (its stat failed, or it changed while
-- it was loaded): such a folder is not trusted, and is read again next call.
SELECT DISTINCT f.folder
FROM folder_files f
LEFT JOIN ingested_files i ON i.path = f.path
WHERE i.path IS NULL
   OR i.size_bytes <> f.size_bytes
   OR i.modified_at <> f.modified_at
