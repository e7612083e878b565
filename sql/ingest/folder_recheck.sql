-- The trusted folders read again this call whatever their times say, longest unchecked first: a slice of them
-- each call (1 / $calls of them, at least one), so that a file rewritten in place (which no folder time shows) is
-- seen within $calls calls.
SELECT path
FROM listed_folders
WHERE trusted
ORDER BY verified_at, path
LIMIT (SELECT ceil(count(*) FILTER (WHERE trusted) / $calls) FROM listed_folders)
